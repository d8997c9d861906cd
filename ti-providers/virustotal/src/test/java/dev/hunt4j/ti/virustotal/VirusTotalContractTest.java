package dev.hunt4j.ti.virustotal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** VirusTotal v3 against a loopback server replaying its documented responses. */
class VirusTotalContractTest extends HttpEnricherContract {
    static final String URL = "http://nvcdn-sync.net/cdn/v2/sync.ps1";
    static final String URL_ID = Base64.getUrlEncoder().withoutPadding().encodeToString(URL.getBytes(StandardCharsets.UTF_8));

    static String report(String type, String id, int malicious, int suspicious, String extra) {
        return """
                {"data": {"id": "%s", "type": "%s", "links": {"self": "https://www.virustotal.com/api/v3/x"},
                  "attributes": {"last_analysis_stats": {"harmless": 60, "malicious": %d, "suspicious": %d, "undetected": 10, "timeout": 0},
                    "reputation": -12, "tags": ["powershell"], "last_analysis_date": 1767225600 %s}}}
                """.formatted(id, type, malicious, suspicious, extra);
    }

    static final String NOT_FOUND = """
            {"error": {"code": "NotFoundError", "message": "Resource not found."}}
            """;

    @Override
    protected EnricherFactory factory() {
        return new VirusTotalFactory();
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return switch (path) {
            case "/ip_addresses/198.51.100.23" -> json(200, report("ip_address", "198.51.100.23", 9, 1, ", \"as_owner\": \"Bad VPS\""));
            case "/domains/nvcdn-sync.net" -> json(200, report("domain", "nvcdn-sync.net", 1, 0, ""));
            case "/files/3be45aca5ed194311ac47ca1a72d45ef" -> json(200, report("file",
                    "79b4641a7a96210b68314369bd0a359657f0cf4882b2ef79c15a476eee2d153a", 40, 0,
                    ", \"meaningful_name\": \"svc-upd.exe\", \"popular_threat_classification\": {\"suggested_threat_label\": \"trojan.qakbot\"}"));
            case "/domains/www.microsoft.com" -> json(200, report("domain", "www.microsoft.com", 0, 0, ""));
            case "/domains/bad_name.example" -> json(400, "{\"error\": {\"code\": \"InvalidArgumentError\", "
                    + "\"message\": \"Domain \\\"bad_name.example\\\" is not a valid domain pattern\"}}");
            default -> path.equals("/urls/" + URL_ID)
                    ? json(200, report("url", "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988", 5, 2, ""))
                    : json(404, NOT_FOUND);
        };
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        assertEquals(API_KEY, request.getHeaders().get("x-apikey"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        Map<String, IocType> m = new LinkedHashMap<>();
        m.put("198.51.100.23", IocType.IPV4);
        m.put("nvcdn-sync.net", IocType.DNS);
        m.put("3be45aca5ed194311ac47ca1a72d45ef", IocType.MD5_HASH);
        m.put(URL, IocType.URL);
        m.put("www.microsoft.com", IocType.DNS);
        return m;
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("203.0.113.250", IocType.IPV4, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", IocType.SHA256_HASH);
    }

    @Test
    void severityFollowsTheEngineCounts() {
        TiResult ip = enricher().lookup("198.51.100.23", IocType.IPV4);
        assertEquals(Severity.HIGH, ip.severity());
        assertEquals(9L, ip.details().get("malicious"));
        assertEquals("Bad VPS", ip.details().get("as_owner"));
        assertEquals("https://www.virustotal.com/gui/ip-address/198.51.100.23", ip.reference());
        assertTrue(ip.rawJson().contains("last_analysis_stats"));
        assertEquals(Severity.WARNING, enricher().lookup("nvcdn-sync.net", IocType.DNS).severity(), "1 engine");
        assertEquals(Severity.INFORMATION, enricher().lookup("www.microsoft.com", IocType.DNS).severity(), "clean");
        TiResult file = enricher().lookup("3be45aca5ed194311ac47ca1a72d45ef", IocType.MD5_HASH);
        assertEquals("trojan.qakbot", file.details().get("threat_label"));
        assertTrue(file.reference().endsWith("/gui/file/79b4641a7a96210b68314369bd0a359657f0cf4882b2ef79c15a476eee2d153a"));
        TiResult url = enricher().lookup(URL, IocType.URL);
        assertEquals(Severity.HIGH, url.severity());
        assertTrue(url.reference().startsWith("https://www.virustotal.com/gui/url/1f2e3d"));
        assertEquals(LookupStatus.UNSUPPORTED, enricher().lookup("a@b.example", IocType.EMAIL).status());
    }

    @Test
    void msticpyconfigsAuthKeyNameIsAccepted() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(settings().settings());
        m.put("auth_key", m.remove("api_key"));
        try (var e = factory().create(new dev.hunt4j.api.PluginSettings("vt", "TIProviders.VirusTotal", m, null))) {
            assertTrue(e.lookup("198.51.100.23", IocType.IPV4).found());
            checkAuthentication(REQUESTS.get(REQUESTS.size() - 1));
        }
    }

    @Test
    void whatTheServiceCallsMalformedIsInvalid() {
        TiResult r = enricher().lookup("bad_name.example", IocType.DNS);
        assertEquals(LookupStatus.INVALID, r.status());
        assertTrue(r.message().contains("not a valid domain pattern"), r.message());
    }
}
