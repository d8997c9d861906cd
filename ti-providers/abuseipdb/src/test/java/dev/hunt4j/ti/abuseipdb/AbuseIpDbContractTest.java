package dev.hunt4j.ti.abuseipdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** AbuseIPDB against a loopback server replaying its documented responses. */
class AbuseIpDbContractTest extends HttpEnricherContract {
    static String check(String ip, int score, int reports) {
        return """
                {"data": {"ipAddress": "%s", "isPublic": true, "ipVersion": 4, "isWhitelisted": false,
                  "abuseConfidenceScore": %d, "countryCode": "NL", "usageType": "Data Center/Web Hosting/Transit",
                  "isp": "Example Hosting", "domain": "example.net", "hostnames": [], "isTor": false,
                  "totalReports": %d, "numDistinctUsers": 3, "lastReportedAt": "2026-11-20T10:00:00+00:00"}}
                """.formatted(ip, score, reports);
    }

    @Override
    protected EnricherFactory factory() {
        return new AbuseIpDbFactory();
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        if (!request.getUrl().encodedPath().equals("/api/v2/check")) {
            return json(404, "{\"errors\": [{\"detail\": \"not found\", \"status\": 404}]}");
        }
        String ip = request.getUrl().queryParameter("ipAddress");
        return switch (ip) {
            case "198.51.100.23" -> json(200, check(ip, 100, 212));
            case "192.0.2.117" -> json(200, check(ip, 25, 2));
            case "999.1.1.1" -> json(422, "{\"errors\": [{\"detail\": \"The ip address must be a valid IPv4 or IPv6 address (e.g. 8.8.8.8 or 2001:4860:4860::8888).\", \"status\": 422, \"source\": {\"parameter\": \"ipAddress\"}}]}");
            default -> json(200, check(ip, 0, 0));
        };
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        assertEquals(API_KEY, request.getHeaders().get("Key"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
        assertEquals("90", request.getUrl().queryParameter("maxAgeInDays"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        return Map.of("198.51.100.23", IocType.IPV4, "192.0.2.117", IocType.IPV4);
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("8.8.8.8", IocType.IPV4, "2606:4700:4700::1111", IocType.IPV6);
    }

    @Test
    void severityFollowsTheConfidenceScore() {
        TiResult bad = enricher().lookup("198.51.100.23", IocType.IPV4);
        assertEquals(Severity.HIGH, bad.severity());
        assertEquals(212L, bad.details().get("total_reports"));
        assertEquals("https://www.abuseipdb.com/check/198.51.100.23", bad.reference());
        assertEquals(Severity.WARNING, enricher().lookup("192.0.2.117", IocType.IPV4).severity());
        assertEquals(Severity.INFORMATION, enricher().lookup("8.8.8.8", IocType.IPV4).severity());
        TiResult invalid = enricher().lookup("999.1.1.1", IocType.IPV4);
        assertEquals(LookupStatus.INVALID, invalid.status());
        assertTrue(invalid.message().contains("must be a valid IPv4"), invalid.message());
    }
}
