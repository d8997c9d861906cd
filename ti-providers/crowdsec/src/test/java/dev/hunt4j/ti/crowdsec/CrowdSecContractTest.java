package dev.hunt4j.ti.crowdsec;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** CrowdSec CTI against a loopback server replaying its documented responses. */
class CrowdSecContractTest extends HttpEnricherContract {
    static String smoke(String ip, int total, String reputation) {
        return """
                {"ip": "%s", "reputation": "%s", "ip_range": "185.220.101.0/24", "as_name": "Example AS", "background_noise_score": 10,
                 "location": {"country": "DE"}, "history": {"first_seen": "2024-01-01T00:00:00+00:00", "last_seen": "2026-11-20T10:00:00+00:00"},
                 "behaviors": [{"name": "ssh:bruteforce", "label": "SSH Bruteforce"}],
                 "attack_details": [{"name": "crowdsecurity/ssh-bf", "label": "SSH Bruteforce"}],
                 "classifications": {"classifications": [{"name": "proxy:tor", "label": "TOR exit node"}]},
                 "scores": {"overall": {"aggressiveness": 5, "threat": 4, "trust": 5, "anomaly": 1, "total": %d}}}
                """.formatted(ip, reputation, total);
    }

    @Override
    protected EnricherFactory factory() {
        return new CrowdSecFactory();
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        return switch (request.getUrl().encodedPath()) {
            case "/v2/smoke/185.220.101.1" -> json(200, smoke("185.220.101.1", 5, "malicious"));
            case "/v2/smoke/192.0.2.117" -> json(200, smoke("192.0.2.117", 3, "suspicious"));
            case "/v2/smoke/2a0b:f4c2:2::1" -> json(200, smoke("2a0b:f4c2:2::1", 1, "known"));
            default -> json(404, "{\"message\": \"IP address information not found\"}");
        };
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        assertEquals(API_KEY, request.getHeaders().get("x-api-key"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        return Map.of("185.220.101.1", IocType.IPV4, "2a0b:f4c2:2::1", IocType.IPV6);
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("8.8.8.8", IocType.IPV4);
    }

    @Test
    void severityFollowsTheOverallScore() {
        TiResult bad = enricher().lookup("185.220.101.1", IocType.IPV4);
        assertEquals(Severity.HIGH, bad.severity());
        assertEquals("malicious", bad.details().get("reputation"));
        assertEquals(List.of("ssh:bruteforce"), bad.details().get("behaviors"));
        assertEquals("https://app.crowdsec.net/cti/185.220.101.1", bad.reference());
        assertEquals(Severity.WARNING, enricher().lookup("192.0.2.117", IocType.IPV4).severity());
        assertEquals(Severity.INFORMATION, enricher().lookup("2a0b:f4c2:2::1", IocType.IPV6).severity());
    }
}
