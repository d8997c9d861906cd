package dev.hunt4j.ti.xforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** X-Force Exchange against a loopback server replaying its documented responses. */
class XForceContractTest extends HttpEnricherContract {
    static final String PASSWORD = "pw-" + API_KEY.substring(4);

    @Override
    protected EnricherFactory factory() {
        return new XForceFactory();
    }

    @Override
    protected Map<String, Object> extraSettings() {
        return Map.of("api_password", new Secret(PASSWORD, "env:XF_PASSWORD"));
    }

    @Override
    protected List<String> secretValues() {
        return List.of(API_KEY, PASSWORD);
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return switch (path) {
            case "/ipr/198.51.100.23" -> json(200, """
                    {"ip": "198.51.100.23", "score": 8.6, "cats": {"Botnet Command and Control Server": 71},
                     "reason": "Regional Internet Registry", "reasonDescription": "One of the five RIRs announced a (new) location mapping of the IP.",
                     "tags": [], "history": []}
                    """);
            case "/ipr/8.8.8.8" -> json(200, "{\"ip\": \"8.8.8.8\", \"score\": 1, \"cats\": {}, \"history\": []}");
            case "/url/nvcdn-sync.net" -> json(200, "{\"result\": {\"url\": \"nvcdn-sync.net\", \"score\": 3, \"cats\": {\"Malware\": true}}}");
            case "/malware/3be45aca5ed194311ac47ca1a72d45ef" -> json(200, """
                    {"malware": {"type": "md5", "md5": "0x3BE45ACA5ED194311AC47CA1A72D45EF", "risk": "high", "family": ["qakbot"]}}
                    """);
            default -> json(404, "{\"error\": \"Not found.\"}");
        };
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, request.getHeaders().get("Authorization"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        return Map.of("198.51.100.23", IocType.IPV4, "nvcdn-sync.net", IocType.DNS,
                "3be45aca5ed194311ac47ca1a72d45ef", IocType.MD5_HASH, "8.8.8.8", IocType.IPV4);
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("unknown.example.org", IocType.DNS, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                IocType.SHA256_HASH);
    }

    @Test
    void severityFollowsTheScoreAndMalwareIsHigh() {
        TiResult ip = enricher().lookup("198.51.100.23", IocType.IPV4);
        assertEquals(Severity.HIGH, ip.severity());
        assertEquals(8.6, ip.details().get("score"));
        assertEquals("https://exchange.xforce.ibmcloud.com/ip/198.51.100.23", ip.reference());
        assertEquals(Severity.WARNING, enricher().lookup("nvcdn-sync.net", IocType.DNS).severity());
        assertEquals(Severity.INFORMATION, enricher().lookup("8.8.8.8", IocType.IPV4).severity());
        TiResult hash = enricher().lookup("3be45aca5ed194311ac47ca1a72d45ef", IocType.MD5_HASH);
        assertEquals(Severity.HIGH, hash.severity());
        assertEquals(List.of("qakbot"), hash.details().get("family"));
        assertTrue(!hash.toString().contains(PASSWORD));
    }
}
