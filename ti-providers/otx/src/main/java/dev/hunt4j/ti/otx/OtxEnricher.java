package dev.hunt4j.ti.otx;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Request;

/**
 * OTX: {@code GET api/v1/indicators/{IPv4|IPv6|domain|hostname|url|file}/{value}/general}, key in
 * {@code X-OTX-API-KEY}; the value is one encoded path segment (URLs included). Found when at least one pulse
 * mentions the observable. Severity as MSTICPy: no pulse — information; one pulse — warning; more — high.
 */
final class OtxEnricher implements Enricher {
    static final String DEFAULT_URL = "https://otx.alienvault.com/";

    private final TiHttp http;

    OtxEnricher(PluginSettings settings) {
        this.http = new TiHttp(settings, new ServiceErrorText("AlienVault OTX", "check api_key: it is on your OTX settings page"),
                "base_url", DEFAULT_URL, TiHttp.headerKey(settings, "api_key", "X-OTX-API-KEY"));
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        String[] section = switch (type) {
            case IPV4 -> new String[] {"IPv4", "ip"};
            case IPV6 -> new String[] {"IPv6", "ip"};
            case DNS -> new String[] {"domain", "domain"};
            case HOSTNAME -> new String[] {"hostname", "hostname"};
            case URL -> new String[] {"url", "url"};
            case MD5_HASH, SHA1_HASH, SHA256_HASH -> new String[] {"file", "file"};
            default -> null;
        };
        if (section == null) {
            return http.unsupported(observable, type, "AlienVault OTX");
        }
        Request request = new Request.Builder().url(http.url("api/v1/indicators").addPathSegment(section[0])
                .addPathSegment(observable).addPathSegment("general").build()).get().build();
        Reply r = http.send(request, "looking up " + type.id() + " " + observable);
        if (!r.ok()) {
            return r.malformed() ? http.failed(observable, type, LookupStatus.ERROR, r.message()) : http.unusual(observable, type, r);
        }
        JsonNode pulses = r.json().path("pulse_info").path("pulses");
        int count = pulses.isArray() ? pulses.size() : r.json().path("pulse_info").path("count").asInt();
        Severity severity = count == 0 ? Severity.INFORMATION : count == 1 ? Severity.WARNING : Severity.HIGH;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pulse_count", count);
        details.put("names", Json.texts(pulses, "name"));
        Set<String> tags = new LinkedHashSet<>();
        List<String> references = new ArrayList<>();
        for (JsonNode p : pulses) {
            tags.addAll(Json.texts(p.path("tags"), null));
            references.addAll(Json.texts(p.path("references"), null));
        }
        details.put("tags", List.copyOf(tags));
        details.put("references", references);
        Json.put(details, "reputation", r.json().path("reputation"));
        String reference = "https://otx.alienvault.com/indicator/" + section[1] + "/" + observable;
        return http.answer(observable, type, null, count > 0, severity, details, r, reference);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "OTX[" + http.provider() + "]";
    }
}
