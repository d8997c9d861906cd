package dev.hunt4j.provider.sentinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.enrich.LookupRequest;
import dev.hunt4j.runtime.enrich.TiProviderInfo;
import dev.hunt4j.runtime.enrich.TiResults;
import dev.hunt4j.runtime.enrich.TiRow;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's {@code sentinel-ti} enricher over this plugin's real client, configured as users do in hunt4j.yaml,
 * against the loopback Log Analytics. The fake answers {@code ThreatIntelligenceIndicator} queries from a small table
 * of indicators: it reads the observables from the query's {@code datatable} (undoing KQL string escaping) and
 * matches the columns named in its {@code where ... in~ (iocs)} clause, case-insensitively, as Kusto would.
 */
class SentinelTiEnrichmentTest {
    private static final Instant NOW = Instant.now();
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String PATH = "C:\\Temp\\dropper.exe";
    private static final Map<String, String> TYPES = Map.of("TimeGenerated", "datetime", "ExpirationDateTime", "datetime",
            "Active", "bool", "ConfidenceScore", "real", "ThreatSeverity", "int");
    private static final Pattern KQL_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern MATCHED = Pattern.compile("(\\w+) in~ \\(iocs\\)");

    /** The workspace's indicators (latest version of each), made up for this test. */
    private static final List<Map<String, Object>> INDICATORS = List.of(
            indicator("ind-c2", "NetworkIP", "45.77.12.9", "C2", true, NOW.plus(Duration.ofDays(10)), 90),
            indicator("ind-scan", "NetworkDestinationIP", "45.77.12.10", "MaliciousActivity", true, null, 50),
            indicator("ind-old", "DomainName", "Expired-Domain.xyz", "Phishing", true, NOW.minus(Duration.ofDays(1)), 95),
            indicator("ind-benign", "FileHashValue", SHA256, "Benign", true, NOW.plus(Duration.ofDays(1)), 100),
            indicator("ind-path", "FilePath", PATH, "Malware", true, NOW.plus(Duration.ofDays(1)), 85),
            indicator("ind-revoked", "Url", "http://revoked.example.org/a", "Malware", false, null, 90));

    @StartStop
    final MockWebServer server = new MockWebServer();
    @TempDir
    Path dir;
    FakeLogAnalytics fake;

    private static Map<String, Object> indicator(String id, String column, String value, String threat, boolean active,
                                                 Instant expires, double confidence) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TimeGenerated", NOW.minus(Duration.ofDays(2)).toString());
        m.put("IndicatorId", id);
        m.put("ThreatType", threat);
        m.put("Description", "made-up " + threat + " indicator");
        m.put("Active", active);
        m.put("ExpirationDateTime", expires == null ? null : expires.toString());
        m.put("ConfidenceScore", confidence);
        m.put("ThreatSeverity", 3);
        m.put("Action", "alert");
        m.put(column, value);
        return m;
    }

    @BeforeEach
    void fakeWorkspace() {
        fake = new FakeLogAnalytics(server);
        fake.handler = SentinelTiEnrichmentTest::threatIntel;
    }

    /** The loopback service's answer to a threat-intelligence query. */
    static MockResponse threatIntel(RecordedRequest r) {
        String query = ErrorBodies.text(FakeLogAnalytics.body(r), "query");
        String first = query.substring(0, query.indexOf('\n'));
        Set<String> wanted = new LinkedHashSet<>();
        kqlStrings(first).forEach(v -> wanted.add(v.toLowerCase(Locale.ROOT)));
        List<String> matched = new ArrayList<>();
        for (Matcher m = MATCHED.matcher(query); m.find(); ) {
            matched.add(m.group(1));
        }
        String project = query.substring(query.indexOf("| project ") + "| project ".length()).strip();
        List<String> columns = List.of(project.split(",\\s*"));
        StringBuilder cols = new StringBuilder();
        for (String c : columns) {
            cols.append(cols.length() == 0 ? "" : ",").append("{\"name\":\"").append(c).append("\",\"type\":\"")
                    .append(TYPES.getOrDefault(c, "string")).append("\"}");
        }
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> i : INDICATORS) {
            boolean hit = matched.stream().anyMatch(c -> i.get(c) instanceof String s && wanted.contains(s.toLowerCase(Locale.ROOT)));
            if (hit) {
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    Object v = i.get(c);
                    cells.add(v == null ? "null" : v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v.toString());
                }
                rows.add("[" + String.join(",", cells) + "]");
            }
        }
        return Routes.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[" + cols + "],\"rows\":["
                + String.join(",", rows) + "]}]}");
    }

    /** The KQL string literals in {@code text}, unescaped. */
    static List<String> kqlStrings(String text) {
        List<String> out = new ArrayList<>();
        for (Matcher m = KQL_STRING.matcher(text); m.find(); ) {
            out.add(m.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return out;
    }

    private Hunt4j open(String enricher) throws Exception {
        Path config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "providers:\n"
                + "  sentinel-prod:\n"
                + "    type: sentinel\n"
                + "    workspace_id: " + FakeLogAnalytics.WORKSPACE + "\n"
                + "    tenant_id: " + FakeLogAnalytics.TENANT + "\n"
                + "    client_id: " + FakeLogAnalytics.CLIENT + "\n"
                + "    client_secret: env:LA_SECRET\n"
                + "    login_url: " + server.url("/") + "\n"
                + "    api_url: " + server.url("/") + "\n"
                + "    retry_backoff: 10ms\n"
                + "enrichers:\n" + enricher);
        return Hunt4j.builder().config(config).environment(Map.of("LA_SECRET", FakeLogAnalytics.SECRET)::get).build();
    }

    private static final String ENRICHER = "  sentinel-ti:\n    type: sentinel-ti\n    provider: sentinel-prod\n    batch_wait: 2s\n";

    private static final List<String> LOOKUPS = List.of("45.77.12.9", "45.77.12.10", "8.8.4.4", "expired-domain.xyz",
            "clean-domain.org", SHA256, PATH, "http://revoked.example.org/a");

    private List<RecordedRequest> queries() {
        return fake.routes.requests("/v1/workspaces/");
    }

    private static String query(RecordedRequest r) {
        return ErrorBodies.text(FakeLogAnalytics.body(r), "query");
    }

    @Test
    void looksObservablesUpInOneQueryPerKindWithVerdictsFromActiveIndicators() throws Exception {
        TiResults results;
        try (Hunt4j h = open(ENRICHER)) {
            results = h.enrich().lookup(LookupRequest.of(LOOKUPS));
        }
        assertEquals(LOOKUPS.size(), results.rows().size(), results.toString());
        // one query per kind of observable: IPs, domains, hashes, paths, URLs
        List<RecordedRequest> sent = queries();
        assertEquals(5, sent.size(), sent.stream().map(SentinelTiEnrichmentTest::query).toList().toString());
        String ipQuery = sent.stream().map(SentinelTiEnrichmentTest::query).filter(q -> q.contains("NetworkIP")).findFirst().orElseThrow();
        assertTrue(ipQuery.startsWith("let iocs = datatable(Ioc:string) ["), ipQuery);
        assertEquals(Set.of("45.77.12.9", "45.77.12.10", "8.8.4.4"), Set.copyOf(kqlStrings(ipQuery.substring(0, ipQuery.indexOf('\n')))));
        assertTrue(ipQuery.contains("\nThreatIntelligenceIndicator\n"), ipQuery);
        assertTrue(ipQuery.contains("| where NetworkIP in~ (iocs) or NetworkSourceIP in~ (iocs) or NetworkDestinationIP in~ (iocs)"
                + " or EmailSourceIpAddress in~ (iocs)\n"), ipQuery);
        assertTrue(ipQuery.contains("| summarize arg_max(TimeGenerated, *) by IndicatorId\n"), ipQuery);
        String domainQuery = sent.stream().map(SentinelTiEnrichmentTest::query).filter(q -> q.contains("DomainName in~")).findFirst().orElseThrow();
        assertTrue(domainQuery.contains("| where DomainName in~ (iocs) or EmailSourceDomain in~ (iocs)\n"), domainQuery);
        // the Windows path travels as an escaped KQL string, never raw
        String pathQuery = sent.stream().map(SentinelTiEnrichmentTest::query).filter(q -> q.contains("FilePath in~")).findFirst().orElseThrow();
        assertTrue(pathQuery.startsWith("let iocs = datatable(Ioc:string) [\"c:\\\\temp\\\\dropper.exe\"];\n"), pathQuery);
        // the default window: indicators ingested in the last 30 days, sent as the API's timespan too
        TimeRange window = FakeLogAnalytics.timespan(sent.get(0));
        assertNotNull(window);
        assertEquals(Duration.ofDays(30), Duration.between(window.start(), window.end()));
        assertTrue(Math.abs(Duration.between(window.end(), Instant.now()).toMinutes()) < 5, window.toString());
        assertTrue(query(sent.get(0)).contains("| where TimeGenerated between (datetime(" + window.start() + ") .. datetime("), query(sent.get(0)));

        TiRow c2 = only(results, "45.77.12.9");
        assertEquals(LookupStatus.OK, c2.status());
        assertTrue(c2.found());
        assertEquals(Severity.HIGH, c2.severity());
        assertEquals("sentinel-ti", c2.provider());
        assertEquals(List.of("ind-c2"), c2.details().get("IndicatorId"));
        assertEquals(List.of("C2"), c2.details().get("ThreatType"));
        assertTrue(c2.rawJson().contains("\"IndicatorId\":\"ind-c2\""), c2.rawJson());
        assertTrue(c2.reference().contains("[\"45.77.12.9\"]"), c2.reference());

        TiRow scan = only(results, "45.77.12.10");
        assertTrue(scan.found());
        assertEquals(Severity.WARNING, scan.severity(), "confidence 50 is below high_confidence 80");

        TiRow miss = only(results, "8.8.4.4");
        assertEquals(LookupStatus.OK, miss.status());
        assertFalse(miss.found());
        assertEquals(Severity.UNKNOWN, miss.severity());

        TiRow expired = only(results, "expired-domain.xyz");
        assertFalse(expired.found(), "an expired indicator does not flag the domain");
        assertEquals(Severity.INFORMATION, expired.severity());
        assertEquals(1, ((Number) expired.details().get("Inactive")).intValue());

        assertFalse(only(results, "clean-domain.org").found());
        TiRow benign = only(results, SHA256);
        assertTrue(benign.found());
        assertEquals(Severity.INFORMATION, benign.severity(), "a benign indicator informs, whatever its confidence");
        TiRow path = only(results, PATH);
        assertEquals(IocType.WINDOWS_PATH, path.type());
        assertEquals(Severity.HIGH, path.severity());
        TiRow revoked = only(results, "http://revoked.example.org/a");
        assertFalse(revoked.found(), "a revoked (Active == false) indicator does not flag the URL");
        assertEquals(Severity.INFORMATION, revoked.severity());
    }

    private static TiRow only(TiResults results, String ioc) {
        List<TiRow> rows = results.rowsFor(ioc);
        assertEquals(1, rows.size(), ioc + ": " + rows);
        return rows.get(0);
    }

    @Test
    void aQueryErrorComesBackAsErrorRowsWithTheServiceMessageAndIsNotRetried() throws Exception {
        fake.handler = r -> FakeLogAnalytics.syntaxError(query(r));
        TiResults results;
        try (Hunt4j h = open(ENRICHER)) {
            results = h.enrich().lookup(LookupRequest.of("45.77.12.9", "45.77.12.10", "evil-domain.xyz"));
        }
        assertEquals(3, results.rows().size(), results.toString());
        for (TiRow r : results.rows()) {
            assertEquals(LookupStatus.ERROR, r.status(), r.toString());
            assertTrue(r.message().contains("SYN0002: Query could not be parsed"), r.message());
            assertTrue(r.message().contains("ThreatIntelligenceIndicator through provider sentinel-prod"), r.message());
        }
        assertEquals(2, queries().size(), "one query per kind, not retried");
    }

    @Test
    void refusedCredentialsComeBackAsErrorRowsWithoutTheSecret() throws Exception {
        fake.handler = r -> Routes.json(401, "{\"error\":{\"message\":\"The provided authentication is not valid for this resource ("
                + FakeLogAnalytics.SECRET + ")\",\"code\":\"InvalidTokenError\"}}");
        TiResults results;
        try (Hunt4j h = open(ENRICHER)) {
            results = h.enrich().lookup(LookupRequest.of("45.77.12.9", "45.77.12.10", "evil-domain.xyz"));
        }
        assertEquals(3, results.rows().size(), "no lookup lost: " + results);
        for (TiRow r : results.rows()) {
            assertEquals(LookupStatus.ERROR, r.status(), r.toString());
            assertTrue(r.message().contains("401"), r.message());
            assertFalse(r.message().contains(FakeLogAnalytics.SECRET), r.message());
        }
    }

    @Test
    void anUnconfiguredQueryProviderIsAConfigurationErrorNamingTheSetting() throws Exception {
        try (Hunt4j h = open("  sentinel-ti:\n    type: sentinel-ti\n    provider: sentinel-prd\n")) {
            TiProviderInfo info = h.enrich().providers().get(0);
            assertFalse(info.usable());
            assertTrue(info.problem().contains("setting 'enrichers.sentinel-ti.provider'"), info.problem());
            assertTrue(info.problem().contains("'sentinel-prd' is not configured"), info.problem());
            assertTrue(info.problem().contains("sentinel-prod"), "names the configured providers: " + info.problem());
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> h.enrich().lookup(LookupRequest.of("45.77.12.9").withProviders("sentinel-ti")));
            assertTrue(e.getMessage().contains("sentinel-prd"), e.getMessage());
        }
        assertEquals(0, queries().size());
    }

    @Test
    void namedInALookupWithoutConfigurationItRunsThroughTheProviderCalledSentinel() throws Exception {
        Path config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "providers:\n  sentinel:\n    workspace_id: " + FakeLogAnalytics.WORKSPACE + "\n"
                + "    tenant_id: " + FakeLogAnalytics.TENANT + "\n    client_id: " + FakeLogAnalytics.CLIENT + "\n"
                + "    client_secret: env:LA_SECRET\n    login_url: " + server.url("/") + "\n    api_url: " + server.url("/") + "\n");
        try (Hunt4j h = Hunt4j.builder().config(config).environment(Map.of("LA_SECRET", FakeLogAnalytics.SECRET)::get).build()) {
            TiResults r = h.enrich().lookup(LookupRequest.of("45.77.12.9").withProviders("sentinel-ti"));
            assertEquals(Severity.HIGH, only(r, "45.77.12.9").severity(), r.toString());
        }
        assertEquals(1, queries().size());
    }
}
