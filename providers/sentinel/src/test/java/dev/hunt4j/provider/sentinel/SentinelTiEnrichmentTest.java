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
 * against the loopback Log Analytics. The fake answers threat-intelligence queries from two small made-up tables: it
 * reads the observables from the query's {@code datatable} (undoing KQL string escaping) and, case-insensitively as
 * Kusto would, matches {@code ThreatIntelIndicators} rows on the {@code ObservableKey} clause and
 * {@code ObservableValue in~ (iocs)}, and {@code ThreatIntelligenceIndicator} rows on the columns named in
 * {@code where ... in~ (iocs)}. A workspace without {@code ThreatIntelIndicators} answers the semantic error Log
 * Analytics sends for an unknown table.
 */
class SentinelTiEnrichmentTest {
    private static final Instant NOW = Instant.now();
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String PATH = "C:\\Temp\\dropper.exe";
    private static final Map<String, String> TYPES = Map.of("TimeGenerated", "datetime", "ExpirationDateTime", "datetime",
            "Active", "bool", "ConfidenceScore", "real", "ThreatSeverity", "int");
    private static final Pattern KQL_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern MATCHED = Pattern.compile("(\\w+) in~ \\(iocs\\)");
    private static final Pattern STIX_KEYS = Pattern.compile("ObservableKey in~ \\(([^)]*)\\)");
    private static final Map<String, String> STIX_TYPES = Map.of("TimeGenerated", "datetime", "ValidFrom", "datetime",
            "ValidUntil", "datetime", "IsActive", "bool", "IsDeleted", "bool", "Revoked", "bool", "Confidence", "int",
            "Data", "dynamic");

    /** The workspace's ThreatIntelIndicators (latest version of each), made up for this test. */
    private static final List<Map<String, Object>> STIX_INDICATORS = List.of(
            stix("indicator--c2", "ipv4-addr:value", "45.77.12.9", true, false, false, NOW.plus(Duration.ofDays(10)), 90,
                    "{\"indicator_types\":[\"malicious-activity\"],\"description\":\"made-up C2 server\"}"),
            stix("indicator--scan", "network-traffic:dst_ref.value", "45.77.12.10", true, false, false, null, 50,
                    "{\"labels\":[\"scanner\"]}"),
            stix("indicator--old", "domain-name:value", "Expired-Domain.xyz", true, false, false, NOW.minus(Duration.ofDays(1)), 95,
                    "{\"indicator_types\":[\"malicious-activity\"]}"),
            stix("indicator--benign", "file:hashes.'SHA-256'", SHA256, true, false, false, NOW.plus(Duration.ofDays(1)), 100,
                    "{\"indicator_types\":[\"benign\"]}"),
            stix("indicator--path", "directory:path", PATH, true, false, false, NOW.plus(Duration.ofDays(1)), 85, null),
            stix("indicator--revoked", "url:value", "http://revoked.example.org/a", true, false, true, null, 90, null),
            stix("indicator--deleted", "url:value", "http://deleted.example.org/b", true, true, false, null, 90, null),
            stix("indicator--inactive", "email-addr:value", "Phish@Example.org", false, false, false, null, 90, null),
            // the same address under another kind of key is not an IP indicator
            stix("indicator--other-key", "x-made-up:value", "8.8.4.4", true, false, false, null, 100, null));

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
    /** A workspace created before ThreatIntelIndicators existed (or without Sentinel's TI tables). */
    static volatile boolean noStixTable;

    private static Map<String, Object> stix(String id, String key, String value, boolean active, boolean deleted, boolean revoked,
                                            Instant validUntil, int confidence, String data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TimeGenerated", NOW.minus(Duration.ofDays(2)).toString());
        m.put("Id", id);
        m.put("ObservableKey", key);
        m.put("ObservableValue", value);
        m.put("Pattern", "[" + key + " = '" + value + "']");
        m.put("IsActive", active);
        m.put("IsDeleted", deleted);
        m.put("Revoked", revoked);
        m.put("Confidence", confidence);
        m.put("ValidUntil", validUntil == null ? null : validUntil.toString());
        m.put("Source", "Made-up TAXII feed");
        m.put("Data", data);
        return m;
    }

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
        noStixTable = false;
    }

    /** The loopback service's answer to a threat-intelligence query. */
    static MockResponse threatIntel(RecordedRequest r) {
        String query = ErrorBodies.text(FakeLogAnalytics.body(r), "query");
        String first = query.substring(0, query.indexOf('\n'));
        Set<String> wanted = new LinkedHashSet<>();
        kqlStrings(first).forEach(v -> wanted.add(v.toLowerCase(Locale.ROOT)));
        String project = query.substring(query.indexOf("| project ") + "| project ".length()).strip();
        List<String> columns = List.of(project.split(",\\s*"));
        boolean stix = query.contains("\nThreatIntelIndicators\n");
        if (stix && noStixTable) {
            return semanticError("ThreatIntelIndicators");
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        if (stix) {
            Matcher keys = STIX_KEYS.matcher(query);
            Set<String> allowed = new LinkedHashSet<>();
            if (keys.find()) {
                kqlStrings(keys.group(1)).forEach(k -> allowed.add(k.toLowerCase(Locale.ROOT)));
            }
            boolean hashes = query.contains("ObservableKey startswith \"file:hashes\"");
            for (Map<String, Object> i : STIX_INDICATORS) {
                String key = ((String) i.get("ObservableKey")).toLowerCase(Locale.ROOT);
                boolean keyOk = allowed.contains(key) || (hashes && key.startsWith("file:hashes"));
                if (keyOk && query.contains("ObservableValue in~ (iocs)")
                        && wanted.contains(((String) i.get("ObservableValue")).toLowerCase(Locale.ROOT))) {
                    hits.add(i);
                }
            }
        } else {
            List<String> matched = new ArrayList<>();
            for (Matcher m = MATCHED.matcher(query); m.find(); ) {
                matched.add(m.group(1));
            }
            for (Map<String, Object> i : INDICATORS) {
                if (matched.stream().anyMatch(c -> i.get(c) instanceof String s && wanted.contains(s.toLowerCase(Locale.ROOT)))) {
                    hits.add(i);
                }
            }
        }
        Map<String, String> types = stix ? STIX_TYPES : TYPES;
        StringBuilder cols = new StringBuilder();
        for (String c : columns) {
            cols.append(cols.length() == 0 ? "" : ",").append("{\"name\":\"").append(c).append("\",\"type\":\"")
                    .append(types.getOrDefault(c, "string")).append("\"}");
        }
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> i : hits) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                Object v = i.get(c);
                // a dynamic cell travels as its JSON text, a string, as Log Analytics writes it
                cells.add(v == null ? "null" : v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v.toString());
            }
            rows.add("[" + String.join(",", cells) + "]");
        }
        return Routes.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[" + cols + "],\"rows\":["
                + String.join(",", rows) + "]}]}");
    }

    /** Log Analytics' answer to a query naming a table the workspace does not have. */
    static MockResponse semanticError(String table) {
        return Routes.json(400, "{\"error\":{\"message\":\"The request had some invalid properties\",\"code\":\"BadArgumentError\","
                + "\"correlationId\":\"7a2b5c4e-0000-0000-0000-000000000000\",\"innererror\":{\"code\":\"SemanticError\","
                + "\"message\":\"A semantic error occurred.\",\"innererror\":{\"code\":\"SEM0100\","
                + "\"message\":\"'where' operator: Failed to resolve table or column expression named '" + table + "'\"}}}}");
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
    private static final String LEGACY = ENRICHER + "    table: ThreatIntelligenceIndicator\n";

    private static final List<String> LOOKUPS = List.of("45.77.12.9", "45.77.12.10", "8.8.4.4", "expired-domain.xyz",
            "clean-domain.org", SHA256, PATH, "http://revoked.example.org/a");

    private List<RecordedRequest> queries() {
        return fake.routes.requests("/v1/workspaces/");
    }

    private static String query(RecordedRequest r) {
        return ErrorBodies.text(FakeLogAnalytics.body(r), "query");
    }

    @Test
    void looksObservablesUpInTheLegacyTableInOneQueryPerKindWithVerdictsFromActiveIndicators() throws Exception {
        TiResults results;
        try (Hunt4j h = open(LEGACY)) {
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

    private static final List<String> STIX_LOOKUPS = List.of("45.77.12.9", "45.77.12.10", "8.8.4.4", "expired-domain.xyz",
            SHA256, PATH, "http://revoked.example.org/a", "http://deleted.example.org/b", "phish@example.org");

    @Test
    void byDefaultLooksObservablesUpInThreatIntelIndicatorsOnObservableKeyAndValue() throws Exception {
        TiResults results;
        try (Hunt4j h = open(ENRICHER)) {
            results = h.enrich().lookup(LookupRequest.of(STIX_LOOKUPS));
        }
        assertEquals(STIX_LOOKUPS.size(), results.rows().size(), results.toString());
        List<String> sent = queries().stream().map(SentinelTiEnrichmentTest::query).toList();
        assertEquals(6, sent.size(), "one query per kind (IPs, domains, hashes, paths, URLs, emails): " + sent);
        sent.forEach(q -> assertTrue(q.contains("\nThreatIntelIndicators\n") && q.contains("| summarize arg_max(TimeGenerated, *) by Id\n")
                && q.contains("| project TimeGenerated, Id, ObservableKey, ObservableValue, Pattern, IsActive, IsDeleted, Revoked, "
                + "Confidence, ValidFrom, ValidUntil, Source, Tags, SourceSystem, Data"), q));
        String ipQuery = sent.stream().filter(q -> q.contains("ipv4-addr:value")).findFirst().orElseThrow();
        assertEquals(Set.of("45.77.12.9", "45.77.12.10", "8.8.4.4"), Set.copyOf(kqlStrings(ipQuery.substring(0, ipQuery.indexOf('\n')))));
        assertTrue(ipQuery.contains("| where ObservableKey in~ (\"ipv4-addr:value\", \"ipv6-addr:value\", \"network-traffic:src_ref.value\", "
                + "\"network-traffic:dst_ref.value\") and ObservableValue in~ (iocs)\n"), ipQuery);
        assertTrue(sent.stream().anyMatch(q -> q.contains("| where ObservableKey startswith \"file:hashes\" and ObservableValue in~ (iocs)\n")), sent.toString());
        String pathQuery = sent.stream().filter(q -> q.contains("directory:path")).findFirst().orElseThrow();
        assertTrue(pathQuery.startsWith("let iocs = datatable(Ioc:string) [\"c:\\\\temp\\\\dropper.exe\"];\n"), pathQuery);

        TiRow c2 = only(results, "45.77.12.9");
        assertEquals(LookupStatus.OK, c2.status());
        assertTrue(c2.found());
        assertEquals(Severity.HIGH, c2.severity(), "Confidence 90 >= high_confidence 80");
        assertEquals(List.of("indicator--c2"), c2.details().get("IndicatorId"));
        assertEquals(List.of("malicious-activity"), c2.details().get("ThreatType"), "STIX 2.1 indicator_types");
        assertEquals(List.of("made-up C2 server"), c2.details().get("Description"));
        assertEquals(List.of("Made-up TAXII feed"), c2.details().get("Source"));
        assertEquals(90.0, ((Number) c2.details().get("ConfidenceScore")).doubleValue());
        assertTrue(c2.rawJson().contains("\"Data\":{\"indicator_types\":[\"malicious-activity\"]"), "Data kept as JSON: " + c2.rawJson());
        assertTrue(c2.reference().contains("ThreatIntelIndicators") && c2.reference().contains("[\"45.77.12.9\"]"), c2.reference());

        TiRow scan = only(results, "45.77.12.10");
        assertTrue(scan.found(), "matched under a network-traffic key");
        assertEquals(Severity.WARNING, scan.severity(), "confidence 50 is below high_confidence 80");
        assertEquals(List.of("scanner"), scan.details().get("ThreatType"), "STIX 2.0 labels");
        TiRow other = only(results, "8.8.4.4");
        assertFalse(other.found(), "the value under a key that is no IP key does not match");
        assertEquals(Severity.UNKNOWN, other.severity());
        TiRow expired = only(results, "expired-domain.xyz");
        assertFalse(expired.found(), "ValidUntil passed");
        assertEquals(Severity.INFORMATION, expired.severity());
        assertEquals(1, ((Number) expired.details().get("Inactive")).intValue());
        TiRow benign = only(results, SHA256);
        assertTrue(benign.found(), "matched under file:hashes.'SHA-256'");
        assertEquals(Severity.INFORMATION, benign.severity(), "a benign indicator informs, whatever its confidence");
        assertEquals(Severity.HIGH, only(results, PATH).severity());
        for (String gone : List.of("http://revoked.example.org/a", "http://deleted.example.org/b", "phish@example.org")) {
            TiRow r = only(results, gone);
            assertFalse(r.found(), gone + ": revoked, deleted or inactive indicators flag nothing");
            assertEquals(Severity.INFORMATION, r.severity(), gone);
        }
    }

    @Test
    void autoFallsBackToTheLegacyTableWhenTheWorkspaceHasNoThreatIntelIndicatorsAndRemembersIt() throws Exception {
        noStixTable = true;
        TiResults first;
        TiResults second;
        try (Hunt4j h = open(ENRICHER + "    table: auto\n")) {
            first = h.enrich().lookup(LookupRequest.of("45.77.12.9", "45.77.12.10"));
            second = h.enrich().lookup(LookupRequest.of("expired-domain.xyz"));
        }
        assertEquals(Severity.HIGH, only(first, "45.77.12.9").severity(), first.toString());
        assertEquals(List.of("ind-c2"), only(first, "45.77.12.9").details().get("IndicatorId"), "answered from the legacy table");
        assertEquals(Severity.WARNING, only(first, "45.77.12.10").severity());
        assertTrue(only(first, "45.77.12.9").reference().contains("ThreatIntelligenceIndicator"), only(first, "45.77.12.9").reference());
        assertFalse(only(second, "expired-domain.xyz").found());
        List<String> sent = queries().stream().map(SentinelTiEnrichmentTest::query).toList();
        assertEquals(3, sent.size(), sent.toString());
        assertTrue(sent.get(0).contains("\nThreatIntelIndicators\n"), sent.get(0));
        assertTrue(sent.get(1).contains("\nThreatIntelligenceIndicator\n") && sent.get(1).contains("NetworkIP in~ (iocs)"), sent.get(1));
        assertTrue(sent.get(2).contains("\nThreatIntelligenceIndicator\n") && sent.get(2).contains("DomainName in~ (iocs)"),
                "later batches go straight to the legacy table: " + sent.get(2));
    }

    @Test
    void theStixTableNamedExplicitlyAndMissingIsAnErrorRowSayingWhatToSet() throws Exception {
        noStixTable = true;
        TiResults results;
        try (Hunt4j h = open(ENRICHER + "    table: ThreatIntelIndicators\n")) {
            results = h.enrich().lookup(LookupRequest.of("45.77.12.9"));
        }
        TiRow r = only(results, "45.77.12.9");
        assertEquals(LookupStatus.ERROR, r.status(), r.toString());
        assertTrue(r.message().contains("Failed to resolve table or column expression named 'ThreatIntelIndicators'"), r.message());
        assertTrue(r.message().contains("set table: auto or ThreatIntelligenceIndicator"), r.message());
        assertEquals(1, queries().size(), "no fallback when the table is configured");
    }

    @Test
    void anUnknownTableIsAConfigurationErrorNamingTheSetting() throws Exception {
        try (Hunt4j h = open(ENRICHER + "    table: ThreatIntel\n")) {
            TiProviderInfo info = h.enrich().providers().get(0);
            assertFalse(info.usable());
            assertEquals("setting 'enrichers.sentinel-ti.table' must be auto, ThreatIntelIndicators or ThreatIntelligenceIndicator, "
                    + "got 'ThreatIntel'", info.problem());
        }
        assertEquals(0, queries().size());
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
            assertTrue(r.message().contains("ThreatIntelIndicators through provider sentinel-prod"), r.message());
        }
        assertEquals(2, queries().size(), "one query per kind, not retried, and no fallback to the legacy table on other errors");
        assertTrue(queries().stream().map(SentinelTiEnrichmentTest::query).allMatch(q -> q.contains("\nThreatIntelIndicators\n")));
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
