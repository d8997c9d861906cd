package dev.hunt4j.ti.greynoise;

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
import java.util.Locale;
import java.util.Map;
import okhttp3.Request;

/**
 * GreyNoise community API: {@code GET v3/community/{ip}}, key in the {@code key} header. A 404 ("IP not observed
 * scanning the internet or contained in RIOT data set") is "not found". Severity: classification {@code malicious}
 * — high; {@code suspicious} — warning; {@code benign}, RIOT (a known business service) or {@code unknown} —
 * information.
 */
final class GreyNoiseEnricher implements Enricher {
    static final String DEFAULT_URL = "https://api.greynoise.io/";

    private final TiHttp http;

    GreyNoiseEnricher(PluginSettings settings) {
        this.http = new TiHttp(settings, new ServiceErrorText("GreyNoise", "check api_key (GreyNoise account, API key)"),
                "base_url", DEFAULT_URL, TiHttp.headerKey(settings, "api_key", "key"));
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        if (type != IocType.IPV4) {
            return http.unsupported(observable, type, "The GreyNoise community API");
        }
        Request request = new Request.Builder().url(http.url("v3/community").addPathSegment(observable).build()).get().build();
        Reply r = http.send(request, "looking up " + observable);
        if (!r.ok()) {
            return r.malformed() ? http.failed(observable, type, LookupStatus.ERROR, r.message()) : http.unusual(observable, type, r);
        }
        JsonNode j = r.json();
        String classification = j.path("classification").asText("unknown").toLowerCase(Locale.ROOT);
        Severity severity = switch (classification) {
            case "malicious" -> Severity.HIGH;
            case "suspicious" -> Severity.WARNING;
            default -> Severity.INFORMATION;
        };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("classification", classification);
        Json.put(details, "name", j.path("name"));
        Json.put(details, "noise", j.path("noise"));
        Json.put(details, "riot", j.path("riot"));
        Json.put(details, "last_seen", j.path("last_seen"));
        Json.put(details, "message", j.path("message"));
        String reference = j.path("link").asText("https://viz.greynoise.io/ip/" + observable);
        return http.answer(observable, type, null, true, severity, details, r, reference);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "GreyNoise[" + http.provider() + "]";
    }
}
