package dev.hunt4j.ti.abuseipdb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.Json;
import dev.hunt4j.titoolkit.Reply;
import dev.hunt4j.titoolkit.ServiceErrorText;
import dev.hunt4j.titoolkit.TiHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Request;

/**
 * AbuseIPDB: {@code GET api/v2/check?ipAddress=..&maxAgeInDays=..}, key in the {@code Key} header. Every address gets
 * an answer; it is "found" when it has reports or a score. A 422 (not an address AbuseIPDB accepts) is invalid.
 * Severity from {@code abuseConfidenceScore}, as MSTICPy: 0 — information; 1-50 — warning; above 50 — high.
 */
final class AbuseIpDbEnricher implements Enricher {
    static final String DEFAULT_URL = "https://api.abuseipdb.com/";

    private final TiHttp http;
    private final long maxAgeDays;

    AbuseIpDbEnricher(PluginSettings settings) {
        this.http = new TiHttp(settings, new ServiceErrorText("AbuseIPDB", "check api_key (AbuseIPDB account, API)"),
                "base_url", DEFAULT_URL, TiHttp.headerKey(settings, "api_key", "Key"));
        this.maxAgeDays = settings.longValue("max_age_days", 90);
        if (maxAgeDays < 1 || maxAgeDays > 365) {
            throw new ConfigurationException("setting '" + settings.keyPath() + ".max_age_days' must be between 1 and 365, got "
                    + maxAgeDays);
        }
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        if (type != IocType.IPV4 && type != IocType.IPV6) {
            return http.unsupported(observable, type, "AbuseIPDB");
        }
        Request request = new Request.Builder().url(http.url("api/v2/check").addQueryParameter("ipAddress", observable)
                .addQueryParameter("maxAgeInDays", Long.toString(maxAgeDays)).build())
                .header("Accept", "application/json").get().build();
        Reply r = http.send(request, "checking " + observable);
        if (!r.ok()) {
            return r.malformed() ? http.failed(observable, type, LookupStatus.ERROR, r.message()) : http.unusual(observable, type, r);
        }
        JsonNode d = r.json().path("data");
        long score = d.path("abuseConfidenceScore").asLong();
        long reports = d.path("totalReports").asLong();
        Severity severity = score == 0 ? Severity.INFORMATION : score <= 50 ? Severity.WARNING : Severity.HIGH;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("abuse_confidence_score", score);
        details.put("total_reports", reports);
        Json.put(details, "is_whitelisted", d.path("isWhitelisted"));
        Json.put(details, "country_code", d.path("countryCode"));
        Json.put(details, "usage_type", d.path("usageType"));
        Json.put(details, "isp", d.path("isp"));
        Json.put(details, "domain", d.path("domain"));
        Json.put(details, "last_reported_at", d.path("lastReportedAt"));
        return http.answer(observable, type, null, reports > 0 || score > 0, severity, details, r,
                "https://www.abuseipdb.com/check/" + observable);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "AbuseIPDB[" + http.provider() + "]";
    }
}
