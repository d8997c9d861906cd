package dev.hunt4j.ti.greynoise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** GreyNoise's community API against a loopback server replaying its documented responses. */
class GreyNoiseContractTest extends HttpEnricherContract {
    static String community(String ip, boolean noise, boolean riot, String classification, String name) {
        return """
                {"ip": "%s", "noise": %s, "riot": %s, "classification": "%s", "name": "%s",
                 "link": "https://viz.greynoise.io/ip/%s", "last_seen": "2026-11-20", "message": "Success"}
                """.formatted(ip, noise, riot, classification, name, ip);
    }

    @Override
    protected EnricherFactory factory() {
        return new GreyNoiseFactory();
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        return switch (request.getUrl().encodedPath()) {
            case "/v3/community/185.220.101.1" -> json(200, community("185.220.101.1", true, false, "malicious", "unknown"));
            case "/v3/community/8.8.8.8" -> json(200, community("8.8.8.8", false, true, "benign", "Google Public DNS"));
            case "/v3/community/71.6.135.131" -> json(200, community("71.6.135.131", true, false, "suspicious", "unknown"));
            default -> json(404, """
                    {"ip": "x", "noise": false, "riot": false, "message": "IP not observed scanning the internet or contained in RIOT data set."}
                    """);
        };
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        assertEquals(API_KEY, request.getHeaders().get("key"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        return Map.of("185.220.101.1", IocType.IPV4, "8.8.8.8", IocType.IPV4);
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("203.0.113.9", IocType.IPV4);
    }

    @Test
    void severityFollowsTheClassification() {
        TiResult bad = enricher().lookup("185.220.101.1", IocType.IPV4);
        assertEquals(Severity.HIGH, bad.severity());
        assertEquals("https://viz.greynoise.io/ip/185.220.101.1", bad.reference());
        assertEquals(Severity.WARNING, enricher().lookup("71.6.135.131", IocType.IPV4).severity());
        TiResult riot = enricher().lookup("8.8.8.8", IocType.IPV4);
        assertEquals(Severity.INFORMATION, riot.severity());
        assertEquals("Google Public DNS", riot.details().get("name"));
        assertEquals(true, riot.details().get("riot"));
    }
}
