package dev.hunt4j.ti.virustotal;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Request;

/**
 * VirusTotal v3: {@code GET ip_addresses/{ip}}, {@code domains/{domain}}, {@code files/{hash}} and
 * {@code urls/{id}} (the URL in unpadded base64url), key in the {@code x-apikey} header. A 404
 * ({@code NotFoundError}) is "not found". Severity from {@code last_analysis_stats}: 3 or more engines say malicious
 * — high; 1-2 malicious or any suspicious — warning; otherwise information.
 */
final class VirusTotalEnricher implements Enricher {
    static final String DEFAULT_URL = "https://www.virustotal.com/api/v3/";
    static final int HIGH_MALICIOUS = 3;

    private final TiHttp http;

    VirusTotalEnricher(PluginSettings settings) {
        this.http = new TiHttp(settings, new ServiceErrorText("VirusTotal",
                "check api_key: your key is under your VirusTotal profile, API key"), "base_url", DEFAULT_URL,
                TiHttp.headerKey(settings, "api_key", "x-apikey"));
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        String[] kind = switch (type) {
            case IPV4, IPV6 -> new String[] {"ip_addresses", observable, "ip-address"};
            case DNS -> new String[] {"domains", observable, "domain"};
            case MD5_HASH, SHA1_HASH, SHA256_HASH -> new String[] {"files", observable, "file"};
            case URL -> new String[] {"urls", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(observable.getBytes(StandardCharsets.UTF_8)), "url"};
            default -> null;
        };
        if (kind == null) {
            return http.unsupported(observable, type, "VirusTotal");
        }
        Request request = new Request.Builder().url(http.url(kind[0]).addPathSegment(kind[1]).build()).get().build();
        Reply r = http.send(request, "looking up " + type.id() + " " + observable);
        if (!r.ok()) {
            return r.malformed() ? http.failed(observable, type, LookupStatus.ERROR, r.message()) : http.unusual(observable, type, r);
        }
        JsonNode data = r.json().path("data");
        JsonNode a = data.path("attributes");
        JsonNode stats = a.path("last_analysis_stats");
        long malicious = stats.path("malicious").asLong();
        long suspicious = stats.path("suspicious").asLong();
        Severity severity = malicious >= HIGH_MALICIOUS ? Severity.HIGH
                : malicious > 0 || suspicious > 0 ? Severity.WARNING : Severity.INFORMATION;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("malicious", malicious);
        details.put("suspicious", suspicious);
        details.put("harmless", stats.path("harmless").asLong());
        details.put("undetected", stats.path("undetected").asLong());
        Json.put(details, "reputation", a.path("reputation"));
        Json.put(details, "tags", a.path("tags"));
        Json.put(details, "threat_label", a.path("popular_threat_classification").path("suggested_threat_label"));
        Json.put(details, "meaningful_name", a.path("meaningful_name"));
        Json.put(details, "type_description", a.path("type_description"));
        Json.put(details, "as_owner", a.path("as_owner"));
        Json.put(details, "country", a.path("country"));
        Json.put(details, "last_analysis_date", a.path("last_analysis_date"));
        String id = data.path("id").asText(kind[1]);
        String reference = "https://www.virustotal.com/gui/" + kind[2] + "/" + id;
        return http.answer(observable, type, null, true, severity, details, r, reference);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "VirusTotal[" + http.provider() + "]";
    }
}
