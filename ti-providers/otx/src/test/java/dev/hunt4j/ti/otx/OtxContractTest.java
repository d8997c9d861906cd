package dev.hunt4j.ti.otx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** OTX against a loopback server replaying its documented responses. */
class OtxContractTest extends HttpEnricherContract {
    static String general(String indicator, int pulses) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < pulses; i++) {
            p.append(i == 0 ? "" : ",").append("""
                    {"id": "p%d", "name": "Qakbot campaign %d", "tags": ["qakbot", "loader"], "references": ["https://blog.example/%d"]}
                    """.formatted(i, i, i));
        }
        return """
                {"indicator": "%s", "reputation": 0, "sections": ["general", "geo", "malware"],
                 "pulse_info": {"count": %d, "pulses": [%s], "references": []}}
                """.formatted(indicator, pulses, p);
    }

    @Override
    protected EnricherFactory factory() {
        return new OtxFactory();
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return switch (path) {
            case "/api/v1/indicators/IPv4/198.51.100.23/general" -> json(200, general("198.51.100.23", 3));
            case "/api/v1/indicators/domain/nvcdn-sync.net/general" -> json(200, general("nvcdn-sync.net", 1));
            case "/api/v1/indicators/url/http:%2F%2Fnvcdn-sync.net%2Fcdn%2Fv2%2Fsync.ps1/general" ->
                    json(200, general("http://nvcdn-sync.net/cdn/v2/sync.ps1", 2));
            case "/api/v1/indicators/file/3be45aca5ed194311ac47ca1a72d45ef/general" -> json(200, general("3be45aca5ed194311ac47ca1a72d45ef", 4));
            case "/api/v1/indicators/IPv4/8.8.8.8/general", "/api/v1/indicators/domain/example.com/general" ->
                    json(200, general("x", 0));
            default -> json(404, "{\"detail\": \"endpoint not found\"}");
        };
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        assertEquals(API_KEY, request.getHeaders().get("X-OTX-API-KEY"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        return Map.of("198.51.100.23", IocType.IPV4, "nvcdn-sync.net", IocType.DNS,
                "http://nvcdn-sync.net/cdn/v2/sync.ps1", IocType.URL, "3be45aca5ed194311ac47ca1a72d45ef", IocType.MD5_HASH);
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("8.8.8.8", IocType.IPV4, "example.com", IocType.DNS, "unknown-host.example.org", IocType.HOSTNAME);
    }

    @Test
    void severityFollowsThePulseCount() {
        TiResult ip = enricher().lookup("198.51.100.23", IocType.IPV4);
        assertEquals(Severity.HIGH, ip.severity());
        assertEquals(3, ip.details().get("pulse_count"));
        assertEquals(List.of("qakbot", "loader"), ip.details().get("tags"));
        assertEquals("https://otx.alienvault.com/indicator/ip/198.51.100.23", ip.reference());
        assertEquals(Severity.WARNING, enricher().lookup("nvcdn-sync.net", IocType.DNS).severity());
        TiResult none = enricher().lookup("8.8.8.8", IocType.IPV4);
        assertEquals(Severity.INFORMATION, none.severity());
        assertTrue(!none.found());
    }
}
