package dev.hunt4j.ti.crowdsec;

import com.fasterxml.jackson.databind.JsonNode;
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
 * CrowdSec CTI: {@code GET v2/smoke/{ip}}, key in the {@code x-api-key} header. A 404 ("IP address information not
 * found") is "not found". Severity from {@code scores.overall.total} (0-5), as MSTICPy: up to 2 — information; 3 —
 * warning; 4-5 — high.
 */
final class CrowdSecEnricher implements Enricher {
    static final String DEFAULT_URL = "https://cti.api.crowdsec.net/";

    private final TiHttp http;

    CrowdSecEnricher(PluginSettings settings) {
        this.http = new TiHttp(settings, new ServiceErrorText("CrowdSec CTI", "check api_key (CrowdSec console, CTI API keys)"),
                "base_url", DEFAULT_URL, TiHttp.headerKey(settings, "api_key", "x-api-key"));
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        if (type != IocType.IPV4 && type != IocType.IPV6) {
            return http.unsupported(observable, type, "CrowdSec CTI");
        }
        Request request = new Request.Builder().url(http.url("v2/smoke").addPathSegment(observable).build()).get().build();
        Reply r = http.send(request, "looking up " + observable);
        if (!r.ok()) {
            return r.malformed() ? http.failed(observable, type, LookupStatus.ERROR, r.message()) : http.unusual(observable, type, r);
        }
        JsonNode j = r.json();
        long total = j.path("scores").path("overall").path("total").asLong();
        Severity severity = total <= 2 ? Severity.INFORMATION : total <= 3 ? Severity.WARNING : Severity.HIGH;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("overall_score", total);
        Json.put(details, "reputation", j.path("reputation"));
        Json.put(details, "background_noise_score", j.path("background_noise_score"));
        Json.put(details, "first_seen", j.path("history").path("first_seen"));
        Json.put(details, "last_seen", j.path("history").path("last_seen"));
        details.put("behaviors", Json.texts(j.path("behaviors"), "name"));
        details.put("attack_details", Json.texts(j.path("attack_details"), "label"));
        details.put("classifications", Json.texts(j.path("classifications").path("classifications"), "name"));
        Json.put(details, "as_name", j.path("as_name"));
        Json.put(details, "country", j.path("location").path("country"));
        return http.answer(observable, type, null, true, severity, details, r, "https://app.crowdsec.net/cti/" + observable);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "CrowdSec[" + http.provider() + "]";
    }
}
