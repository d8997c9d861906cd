package dev.hunt4j.ti.abusech;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.HeaderAuth;
import dev.hunt4j.titoolkit.Json;
import dev.hunt4j.titoolkit.Reply;
import dev.hunt4j.titoolkit.ServiceErrorText;
import dev.hunt4j.titoolkit.TiHttp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * abuse.ch, key in the {@code Auth-Key} header:
 * <ul>
 *   <li>URLhaus — {@code POST url/} ({@code url=}) for URLs, {@code POST host/} ({@code host=}) for domains and IPv4;
 *       {@code query_status: ok} is found: severity high while any URL is online, warning when all are offline;</li>
 *   <li>ThreatFox — {@code POST} {@code {"query": "search_ioc", "search_term": ...}} (hashes: {@code search_hash});
 *       {@code ok} is found: severity high at {@code confidence_level} 75 or more, else warning;</li>
 *   <li>MalwareBazaar — {@code POST query=get_info&hash=...} for hashes; {@code ok} is found: severity high.</li>
 * </ul>
 * The answer combines them: found when any service knows the observable, the worst severity, each service's summary
 * under its name in the details, and {@code QuerySubtype} listing the services that knew it. A service whose
 * answer is not JSON makes the result an error; a service that fails is thrown, for the engine to retry.
 */
final class AbuseChEnricher implements Enricher {
    static final String URLHAUS = "https://urlhaus-api.abuse.ch/v1/";
    static final String THREATFOX = "https://threatfox-api.abuse.ch/api/v1/";
    static final String MALWAREBAZAAR = "https://mb-api.abuse.ch/api/v1/";
    private static final MediaType JSON = MediaType.get("application/json");

    enum Service { URLHAUS, THREATFOX, MALWAREBAZAAR }

    private final Set<Service> services;
    private final TiHttp urlhaus;
    private final TiHttp threatfox;
    private final TiHttp malwarebazaar;

    AbuseChEnricher(PluginSettings settings) {
        HeaderAuth key = TiHttp.headerKey(settings, "auth_key", "Auth-Key");
        List<String> names = settings.stringList("services");
        EnumSet<Service> chosen = names.isEmpty() ? EnumSet.allOf(Service.class) : EnumSet.noneOf(Service.class);
        for (String n : names) {
            try {
                chosen.add(Service.valueOf(n.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("setting '" + settings.keyPath() + ".services' names '" + n
                        + "'; the services are urlhaus, threatfox and malwarebazaar");
            }
        }
        this.services = chosen;
        String hint = "check auth_key (abuse.ch Authentication Portal)";
        this.urlhaus = new TiHttp(settings, new ServiceErrorText("URLhaus", hint), "urlhaus_url", URLHAUS, key);
        this.threatfox = new TiHttp(settings, new ServiceErrorText("ThreatFox", hint), "threatfox_url", THREATFOX, key);
        this.malwarebazaar = new TiHttp(settings, new ServiceErrorText("MalwareBazaar", hint), "malwarebazaar_url", MALWAREBAZAAR, key);
    }

    /** One service's view: found or not, severity, summary. */
    private record Finding(String service, boolean found, Severity severity, Map<String, Object> summary, String raw, String reference) {
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        boolean hash = type == IocType.MD5_HASH || type == IocType.SHA1_HASH || type == IocType.SHA256_HASH;
        if (!hash && type != IocType.URL && type != IocType.DNS && type != IocType.IPV4) {
            return urlhaus.unsupported(observable, type, "abuse.ch");
        }
        List<Finding> findings = new ArrayList<>();
        try {
            if (services.contains(Service.URLHAUS) && !hash) {
                findings.add(urlhaus(observable, type));
            }
            if (services.contains(Service.THREATFOX)) {
                findings.add(threatfox(observable, hash));
            }
            if (services.contains(Service.MALWAREBAZAAR) && hash) {
                findings.add(malwarebazaar(observable));
            }
        } catch (Unusual u) {
            TiHttp http = u.http;
            return u.reply.malformed() ? http.failed(observable, type, LookupStatus.ERROR, u.reply.message())
                    : http.unusual(observable, type, u.reply);
        }
        if (findings.isEmpty()) {
            return urlhaus.failed(observable, type, LookupStatus.UNSUPPORTED, "none of the configured abuse.ch services "
                    + services + " looks up " + type.id() + " observables");
        }
        boolean found = false;
        Severity worst = Severity.UNKNOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        List<String> knew = new ArrayList<>();
        String reference = null;
        for (Finding f : findings) {
            raw.put(f.service(), f.raw() == null ? null : Json.parse(f.raw()));
            details.put(f.service(), f.found() ? f.summary() : "not found");
            if (f.found()) {
                found = true;
                worst = worst.max(f.severity());
                knew.add(f.service());
                if (reference == null) {
                    reference = f.reference();
                }
            }
        }
        String rawJson = urlhaus.redact(Json.text(raw));
        return new TiResult(observable, type, urlhaus.provider(), knew.isEmpty() ? null : String.join(",", knew), found, worst,
                details, rawJson, reference, LookupStatus.OK, null);
    }

    private Finding urlhaus(String observable, IocType type) {
        boolean url = type == IocType.URL;
        RequestBody form = new FormBody.Builder().add(url ? "url" : "host", observable).build();
        Reply r = urlhaus.send(new Request.Builder().url(urlhaus.url(url ? "url/" : "host/").build()).post(form).build(),
                "looking up " + observable + " in URLhaus");
        JsonNode j = json(urlhaus, r);
        String status = j.path("query_status").asText();
        if (!status.equals("ok")) {
            return new Finding("urlhaus", false, Severity.UNKNOWN, Map.of(), r.text(), null);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        Severity severity;
        if (url) {
            String online = j.path("url_status").asText("unknown");
            s.put("url_status", online);
            Json.put(s, "threat", j.path("threat"));
            Json.put(s, "tags", j.path("tags"));
            Json.put(s, "date_added", j.path("date_added"));
            severity = online.equals("offline") ? Severity.WARNING : Severity.HIGH;
        } else {
            List<String> statuses = Json.texts(j.path("urls"), "url_status");
            Json.put(s, "url_count", j.path("url_count"));
            s.put("online", statuses.stream().filter("online"::equals).count());
            Json.put(s, "blacklists", j.path("blacklists"));
            severity = statuses.contains("online") || statuses.isEmpty() ? Severity.HIGH : Severity.WARNING;
        }
        return new Finding("urlhaus", true, severity, s, r.text(), j.path("urlhaus_reference").asText(null));
    }

    private Finding threatfox(String observable, boolean hash) {
        String body = "{\"query\": \"" + (hash ? "search_hash" : "search_ioc") + "\", \"" + (hash ? "hash" : "search_term")
                + "\": " + Json.text(observable) + "}";
        Reply r = threatfox.send(new Request.Builder().url(threatfox.baseUrl()).post(RequestBody.create(body, JSON)).build(),
                "looking up " + observable + " in ThreatFox");
        JsonNode j = json(threatfox, r);
        if (!j.path("query_status").asText().equals("ok") || !j.path("data").isArray() || j.path("data").isEmpty()) {
            return new Finding("threatfox", false, Severity.UNKNOWN, Map.of(), r.text(), null);
        }
        int confidence = 0;
        for (JsonNode d : j.path("data")) {
            confidence = Math.max(confidence, d.path("confidence_level").asInt());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("iocs", j.path("data").size());
        s.put("threat_types", Json.texts(j.path("data"), "threat_type").stream().distinct().toList());
        s.put("malware", Json.texts(j.path("data"), "malware_printable").stream().distinct().toList());
        s.put("confidence_level", confidence);
        String id = j.path("data").get(0).path("id").asText(null);
        return new Finding("threatfox", true, confidence >= 75 ? Severity.HIGH : Severity.WARNING, s, r.text(),
                id == null ? null : "https://threatfox.abuse.ch/ioc/" + id + "/");
    }

    private Finding malwarebazaar(String hash) {
        RequestBody form = new FormBody.Builder().add("query", "get_info").add("hash", hash).build();
        Reply r = malwarebazaar.send(new Request.Builder().url(malwarebazaar.baseUrl()).post(form).build(),
                "looking up " + hash + " in MalwareBazaar");
        JsonNode j = json(malwarebazaar, r);
        if (!j.path("query_status").asText().equals("ok") || j.path("data").isEmpty()) {
            return new Finding("malwarebazaar", false, Severity.UNKNOWN, Map.of(), r.text(), null);
        }
        JsonNode d = j.path("data").get(0);
        Map<String, Object> s = new LinkedHashMap<>();
        Json.put(s, "signature", d.path("signature"));
        Json.put(s, "file_type", d.path("file_type"));
        Json.put(s, "file_name", d.path("file_name"));
        Json.put(s, "tags", d.path("tags"));
        Json.put(s, "first_seen", d.path("first_seen"));
        String sha256 = d.path("sha256_hash").asText(hash);
        return new Finding("malwarebazaar", true, Severity.HIGH, s, r.text(), "https://bazaar.abuse.ch/sample/" + sha256 + "/");
    }

    /** The reply's JSON, or an {@link Unusual} for the caller to turn into a result. */
    private static JsonNode json(TiHttp http, Reply r) {
        if (!r.ok()) {
            throw new Unusual(http, r);
        }
        return r.json();
    }

    /** A reply that is not a 2xx with JSON. */
    private static final class Unusual extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TiHttp http;
        final transient Reply reply;

        Unusual(TiHttp http, Reply reply) {
            super(null, null, false, false);
            this.http = http;
            this.reply = reply;
        }
    }

    @Override
    public void close() {
        urlhaus.close();
        threatfox.close();
        malwarebazaar.close();
    }

    @Override
    public String toString() {
        return "AbuseCh[" + urlhaus.provider() + ", " + services + "]";
    }
}
