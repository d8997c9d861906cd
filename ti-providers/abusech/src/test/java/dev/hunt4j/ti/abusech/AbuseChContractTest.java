package dev.hunt4j.ti.abusech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** URLhaus, ThreatFox and MalwareBazaar against one loopback server replaying their documented responses. */
class AbuseChContractTest extends HttpEnricherContract {
    static final String SHA256 = "79b4641a7a96210b68314369bd0a359657f0cf4882b2ef79c15a476eee2d153a";

    @Override
    protected EnricherFactory factory() {
        return new AbuseChFactory();
    }

    @Override
    protected String baseUrlKey() {
        return "urlhaus_url";
    }

    @Override
    protected String baseUrl() {
        return server.url("/urlhaus/v1/").toString();
    }

    @Override
    protected String apiKeyKey() {
        return "auth_key";
    }

    @Override
    protected Map<String, Object> extraSettings() {
        return Map.of("threatfox_url", server.url("/threatfox/api/v1/").toString(),
                "malwarebazaar_url", server.url("/mb/api/v1/").toString());
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
        if (path.equals("/urlhaus/v1/url/")) {
            return body.contains("sync.ps1") ? json(200, """
                    {"query_status": "ok", "id": "2950112", "urlhaus_reference": "https://urlhaus.abuse.ch/url/2950112/",
                     "url": "http://nvcdn-sync.net/cdn/v2/sync.ps1", "url_status": "online", "threat": "malware_download",
                     "date_added": "2026-02-21 11:10:20 UTC", "tags": ["ps1", "Qakbot"]}
                    """) : json(200, "{\"query_status\": \"no_results\"}");
        }
        if (path.equals("/urlhaus/v1/host/")) {
            return body.contains("nvcdn-sync.net") ? json(200, """
                    {"query_status": "ok", "urlhaus_reference": "https://urlhaus.abuse.ch/host/nvcdn-sync.net/", "host": "nvcdn-sync.net",
                     "url_count": "2", "blacklists": {"spamhaus_dbl": "abused_legit_malware", "surbl": "not listed"},
                     "urls": [{"url_status": "offline"}, {"url_status": "offline"}]}
                    """) : json(200, "{\"query_status\": \"no_results\"}");
        }
        if (path.equals("/threatfox/api/v1/")) {
            return body.contains("198.51.100.23") || body.contains(SHA256) ? json(200, """
                    {"query_status": "ok", "data": [{"id": "1234567", "ioc": "198.51.100.23:443", "threat_type": "botnet_cc",
                     "malware_printable": "Qakbot", "confidence_level": 100, "first_seen": "2026-02-19 14:28:33 UTC"}]}
                    """) : json(200, "{\"query_status\": \"no_result\", \"data\": \"Your search did not yield any results\"}");
        }
        if (path.equals("/mb/api/v1/")) {
            return body.contains(SHA256) ? json(200, """
                    {"query_status": "ok", "data": [{"sha256_hash": "%s", "file_name": "svc-upd.exe", "file_type": "exe",
                     "signature": "Qakbot", "tags": ["qakbot", "exe"], "first_seen": "2026-02-21 17:11:47"}]}
                    """.formatted(SHA256)) : json(200, "{\"query_status\": \"hash_not_found\"}");
        }
        return json(404, "{\"query_status\": \"unknown\"}");
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        assertEquals(API_KEY, request.getHeaders().get("Auth-Key"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        Map<String, IocType> m = new LinkedHashMap<>();
        m.put("http://nvcdn-sync.net/cdn/v2/sync.ps1", IocType.URL);
        m.put("nvcdn-sync.net", IocType.DNS);
        m.put("198.51.100.23", IocType.IPV4);
        m.put(SHA256, IocType.SHA256_HASH);
        return m;
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("http://example.com/a", IocType.URL, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                IocType.SHA256_HASH);
    }

    @Test
    void theServicesAnswersAreCombined() {
        TiResult hash = enricher().lookup(SHA256, IocType.SHA256_HASH);
        assertEquals(Severity.HIGH, hash.severity());
        assertEquals("threatfox,malwarebazaar", hash.subtype());
        assertTrue(hash.details().get("malwarebazaar").toString().contains("Qakbot"));
        assertEquals("https://threatfox.abuse.ch/ioc/1234567/", hash.reference());
        TiResult url = enricher().lookup("http://nvcdn-sync.net/cdn/v2/sync.ps1", IocType.URL);
        assertEquals(Severity.HIGH, url.severity(), "online");
        assertEquals("urlhaus", url.subtype());
        assertEquals("https://urlhaus.abuse.ch/url/2950112/", url.reference());
        TiResult host = enricher().lookup("nvcdn-sync.net", IocType.DNS);
        assertEquals(Severity.WARNING, host.severity(), "every URL offline");
        assertTrue(host.rawJson().contains("\"urlhaus\""));
    }

    @Test
    void servicesCanBeChosen() {
        PluginSettings only = settings().with("services", List.of("malwarebazaar"));
        try (var e = factory().create(only)) {
            REQUESTS.clear();
            assertTrue(e.lookup(SHA256, IocType.SHA256_HASH).found());
            assertEquals(1, REQUESTS.size());
            assertEquals(dev.hunt4j.api.enrich.LookupStatus.UNSUPPORTED, e.lookup("nvcdn-sync.net", IocType.DNS).status());
        }
    }
}
