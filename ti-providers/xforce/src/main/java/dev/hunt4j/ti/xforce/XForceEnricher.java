package dev.hunt4j.ti.xforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.Json;
import dev.hunt4j.titoolkit.Reply;
import dev.hunt4j.titoolkit.ServiceErrorText;
import dev.hunt4j.titoolkit.TiHttp;
import dev.hunt4j.toolkit.auth.BasicAuth;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Request;

/**
 * X-Force Exchange, basic auth with the API key and password: {@code GET ipr/{ip}} (score 1-10 and categories),
 * {@code url/{url or domain}} ({@code {"result": {score, cats}}}) and {@code malware/{hash}}. A 404
 * ({@code {"error": "Not found."}}) is "not found". Severity as MSTICPy: score below 2 — information; 2 to below 5 —
 * warning; 5 and above — high; a malware report for a hash — high.
 */
final class XForceEnricher implements Enricher {
    static final String DEFAULT_URL = "https://api.xforce.ibmcloud.com/";
    static final double MEDIUM = 2;
    static final double HIGH = 5;

    private final TiHttp http;

    XForceEnricher(PluginSettings settings) {
        String keyName = settings.settings().containsKey("api_id") ? "api_id" : "api_key";
        String passwordName = settings.settings().containsKey("auth_key") ? "auth_key" : "api_password";
        Secret key = required(settings, keyName);
        Secret password = required(settings, passwordName);
        this.http = TiHttp.withAuth(settings, new ServiceErrorText("IBM X-Force Exchange",
                "check api_key and api_password (X-Force Exchange, Settings, API Access)"), "base_url", DEFAULT_URL,
                redactor -> {
                    redactor.add(key);
                    return new BasicAuth(key.reveal(), password, "API key and password from settings '" + settings.keyPath() + "."
                            + keyName + "' (" + key.source() + ") and '" + passwordName + "' (" + password.source() + ")", redactor);
                });
    }

    private static Secret required(PluginSettings s, String key) {
        return s.secret(key).orElseThrow(() -> new ConfigurationException("missing required setting '" + s.keyPath() + "." + key
                + "' (X-Force needs an API key and its password; write them as env:NAME or file:PATH)"));
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        String[] kind = switch (type) {
            case IPV4, IPV6 -> new String[] {"ipr", "ip"};
            case URL, DNS -> new String[] {"url", "url"};
            case MD5_HASH, SHA1_HASH, SHA256_HASH -> new String[] {"malware", "malware"};
            default -> null;
        };
        if (kind == null) {
            return http.unsupported(observable, type, "X-Force Exchange");
        }
        Request request = new Request.Builder().url(http.url(kind[0]).addPathSegment(observable).build())
                .header("Accept", "application/json").get().build();
        Reply r = http.send(request, "looking up " + type.id() + " " + observable);
        if (!r.ok()) {
            return r.malformed() ? http.failed(observable, type, LookupStatus.ERROR, r.message()) : http.unusual(observable, type, r);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        Severity severity;
        if (kind[0].equals("malware")) {
            JsonNode m = r.json().path("malware");
            if (m.isMissingNode() || m.isNull()) {
                return http.notFound(observable, type, null, r);
            }
            Json.put(details, "risk", m.path("risk"));
            Json.put(details, "family", m.path("family"));
            Json.put(details, "type", m.path("type"));
            severity = Severity.HIGH;
        } else {
            JsonNode report = r.json().has("result") ? r.json().path("result") : r.json();
            double score = report.path("score").asDouble(0);
            severity = score < MEDIUM ? Severity.INFORMATION : score < HIGH ? Severity.WARNING : Severity.HIGH;
            details.put("score", score);
            Json.put(details, "cats", report.path("cats"));
            Json.put(details, "reason", report.path("reason"));
            Json.put(details, "reason_description", report.path("reasonDescription"));
            Json.put(details, "tags", report.path("tags"));
        }
        return http.answer(observable, type, null, true, severity, details, r,
                "https://exchange.xforce.ibmcloud.com/" + kind[1] + "/" + observable);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "XForce[" + http.provider() + "]";
    }
}
