package dev.hunt4j.runtime.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.runtime.enrich.SentinelTiQuery.Group;
import dev.hunt4j.runtime.enrich.SentinelTiQuery.Table;
import dev.hunt4j.runtime.query.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The {@code sentinel-ti} query text, its batching and its configuration, with KQL answered in memory. */
class SentinelTiTest {
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<String> HOSTILE = List.of("a\"b", "\"", "\\", "\\\"", "line1\nline2", "\") or true or (\"",
            "x\"] ; ThreatIntelligenceIndicator | take 1 //", "'", "@\"x", "];", "// c", "ünïcødé 🎯", "");

    @Test
    void observablesAreStringLiteralsThatNeverChangeTheQueryStructure() {
        for (Table table : Table.values()) {
            List<Tokens.Token> base = Tokens.tokenize(SentinelTiQuery.kql(table, Group.URL, List.of("benign", "other"), T.minusSeconds(60), T), Tokens.KQL);
            for (String h : HOSTILE) {
                String kql = SentinelTiQuery.kql(table, Group.URL, List.of(h, "other"), T.minusSeconds(60), T);
                List<Tokens.Token> got = Tokens.tokenize(kql, Tokens.KQL);
                assertEquals(base.size(), got.size(), "token count changed for " + h + ":\n" + kql);
                for (int i = 0; i < base.size(); i++) {
                    Tokens.Token b = base.get(i);
                    Tokens.Token g = got.get(i);
                    assertEquals(b.kind(), g.kind(), h + " at token " + i + ":\n" + kql);
                    if (b.kind() == Tokens.Kind.STRING && "benign".equals(b.value())) {
                        assertEquals(h, g.value(), "the literal holds exactly the observable:\n" + kql);
                    } else {
                        assertEquals(b.text(), g.text(), h + " at token " + i + ":\n" + kql);
                    }
                }
            }
        }
    }

    @Test
    void eachKindOfObservableIsMatchedInItsColumns() {
        assertEquals(List.of("NetworkIP", "NetworkSourceIP", "NetworkDestinationIP", "EmailSourceIpAddress"), Group.of(IocType.IPV6).matched);
        assertEquals(List.of("DomainName", "EmailSourceDomain"), Group.of(IocType.HOSTNAME).matched);
        assertEquals(List.of("FileHashValue"), Group.of(IocType.SHA1_HASH).matched);
        assertEquals(List.of("FileHashValue", "FileHashType"), Group.of(IocType.MD5_HASH).shown);
        assertEquals(List.of("EmailSenderAddress", "EmailRecipient"), Group.of(IocType.EMAIL).matched);
        assertEquals(List.of("FilePath"), Group.of(IocType.LINUX_PATH).matched);
        assertEquals(java.util.EnumSet.allOf(IocType.class), SentinelTiQuery.supportedTypes());
        String kql = SentinelTiQuery.kql(Table.LEGACY, Group.FILE_HASH, List.of("ab"), T.minusSeconds(86400), T);
        assertEquals("""
                let iocs = datatable(Ioc:string) ["ab"];
                ThreatIntelligenceIndicator
                | where TimeGenerated between (datetime(2026-10-31T00:00:00Z) .. datetime(2026-11-01T00:00:00Z))
                | where FileHashValue in~ (iocs)
                | summarize arg_max(TimeGenerated, *) by IndicatorId
                | project TimeGenerated, IndicatorId, ThreatType, Description, Active, ExpirationDateTime, ConfidenceScore, \
                ThreatSeverity, Action, Tags, SourceSystem, FileHashValue, FileHashType""", kql);
    }

    @Test
    void theStixTableIsMatchedOnObservableKeyAndValue() {
        assertEquals("""
                let iocs = datatable(Ioc:string) ["45.77.12.9", "2001:db8::1"];
                ThreatIntelIndicators
                | where TimeGenerated between (datetime(2026-10-31T00:00:00Z) .. datetime(2026-11-01T00:00:00Z))
                | where ObservableKey in~ ("ipv4-addr:value", "ipv6-addr:value", "network-traffic:src_ref.value", \
                "network-traffic:dst_ref.value") and ObservableValue in~ (iocs)
                | summarize arg_max(TimeGenerated, *) by Id
                | project TimeGenerated, Id, ObservableKey, ObservableValue, Pattern, IsActive, IsDeleted, Revoked, Confidence, \
                ValidFrom, ValidUntil, Source, Tags, SourceSystem, Data""",
                SentinelTiQuery.kql(Table.STIX, Group.IP, List.of("45.77.12.9", "2001:db8::1"), T.minusSeconds(86400), T));
        // hash keys differ by feed (file:hashes.'SHA-256', file:hashes.SHA256, file:hashes.MD5): matched by prefix
        assertTrue(SentinelTiQuery.kql(Table.STIX, Group.FILE_HASH, List.of("ab"), T.minusSeconds(60), T)
                .contains("| where ObservableKey startswith \"file:hashes\" and ObservableValue in~ (iocs)\n"));
        assertTrue(SentinelTiQuery.kql(Table.STIX, Group.DOMAIN, List.of("a.example"), T.minusSeconds(60), T)
                .contains("| where ObservableKey in~ (\"domain-name:value\") and ObservableValue in~ (iocs)\n"));
        assertEquals(List.of("ObservableValue"), Table.STIX.matched(Group.EMAIL));
        // the semantic error Log Analytics answers for a table the workspace lacks
        String missing = "BadArgumentError: The request had some invalid properties; SemanticError: A semantic error occurred.; "
                + "SEM0100: 'where' operator: Failed to resolve table or column expression named 'ThreatIntelIndicators'";
        assertTrue(SentinelTiQuery.missingTable(missing, Table.STIX));
        assertFalse(SentinelTiQuery.missingTable(missing.replace("ThreatIntelIndicators", "Iocs"), Table.STIX));
        assertFalse(SentinelTiQuery.missingTable("SYN0002: Query could not be parsed at 'ThreatIntelIndicators'", Table.STIX));
    }

    /**
     * Answers every query with one active, high-confidence ThreatIntelIndicators row for each IP it names, recording the
     * queries.
     */
    private static final class Workspace implements KqlRunner {
        final List<String> queries = new CopyOnWriteArrayList<>();

        @Override
        public ResultStream run(String kql, dev.hunt4j.api.query.QueryOptions options) {
            queries.add(kql);
            List<Object[]> rows = new ArrayList<>();
            String first = kql.substring(kql.indexOf('[') + 1, kql.indexOf(']'));
            for (String v : first.split(", ")) {
                String ip = v.substring(1, v.length() - 1);
                rows.add(new Object[]{"indicator--" + ip, true, 90L, "{\"indicator_types\":[\"malicious-activity\"]}", ip});
            }
            return ResultStream.of(List.of(new Column("Id", ColumnType.STRING), new Column("IsActive", ColumnType.BOOLEAN),
                    new Column("Confidence", ColumnType.LONG), new Column("Data", ColumnType.JSON),
                    new Column("ObservableValue", ColumnType.STRING)), rows);
        }
    }

    @Test
    void lookupsInFlightTogetherShareQueriesOfAtMostBatchSize() {
        Workspace ws = new Workspace();
        SentinelTiFactory f = new SentinelTiFactory(name -> ws, Clock.fixed(T, ZoneOffset.UTC));
        List<String> ips = List.of("45.77.12.1", "45.77.12.2", "45.77.12.3", "45.77.12.4");
        TiResults r;
        // batches are sealed by size here, never by the (long) wait
        try (Enrichment e = Enrichment.builder().provider("sti", f, Map.of("batch_size", 2L, "batch_wait", "30s")).build()) {
            r = e.lookup(LookupRequest.of(ips));
        }
        assertEquals(4, r.rows().size());
        r.rows().forEach(row -> assertEquals(Severity.HIGH, row.severity(), row.toString()));
        assertEquals(2, ws.queries.size(), "4 observables in batches of 2: " + ws.queries);
        for (String q : ws.queries) {
            assertEquals(2, q.substring(0, q.indexOf('\n')).split("\", \"").length, q);
        }
    }

    @Test
    void theEngineRunsItWithEnoughLookupsInFlightToFillABatch() {
        SentinelTiFactory f = new SentinelTiFactory(name -> new Workspace());
        try (Enrichment e = Enrichment.builder().provider("sti", f, Map.of()).build()) {
            TiProviderInfo info = e.providers().get(0);
            assertTrue(info.usable(), String.valueOf(info.problem()));
            assertEquals(SentinelTiFactory.DEFAULT_BATCH, info.options().concurrency());
            assertTrue(info.options().timeout().compareTo(SentinelTiFactory.DEFAULT_QUERY_TIMEOUT) > 0, info.options().toString());
        }
    }

    @Test
    void settingsOutOfRangeAndAMissingProviderAreNamed() {
        SentinelTiFactory f = new SentinelTiFactory(name -> {
            throw new ConfigurationException("query provider '" + name + "' is not configured");
        });
        try (Enrichment e = Enrichment.builder().provider("sti", f, Map.of()).provider("big", f, Map.of("batch_size", 5000L)).build()) {
            TiProviderInfo missing = e.providers().stream().filter(p -> p.name().equals("sti")).findFirst().orElseThrow();
            assertFalse(missing.usable());
            assertEquals("setting 'enrichers.sti.provider': query provider 'sentinel' is not configured", missing.problem());
            TiProviderInfo big = e.providers().stream().filter(p -> p.name().equals("big")).findFirst().orElseThrow();
            assertTrue(big.problem().contains("'enrichers.big.batch_size' must be between 1 and 1000"), big.problem());
        }
    }

    @Test
    void anObservableThatCannotBeAKqlStringIsInvalidWithoutAQuery() {
        Workspace ws = new Workspace();
        SentinelTiEnricher e = (SentinelTiEnricher) new SentinelTiFactory(name -> ws)
                .create(new dev.hunt4j.api.PluginSettings("sti", "enrichers.sti", Map.of(), null));
        var r = e.lookup("C:\\a\u0001b.exe", IocType.WINDOWS_PATH);
        assertEquals(LookupStatus.INVALID, r.status());
        assertTrue(r.message().contains("U+0001"), r.message());
        assertEquals(List.of(), ws.queries);
    }
}
