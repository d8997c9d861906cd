package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.NotSupportedException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.entity.Account;
import dev.hunt4j.api.entity.Entity;
import dev.hunt4j.api.entity.Host;
import dev.hunt4j.api.entity.IpAddress;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The provider against a real node: every query form, paging, flattening, types, errors and the built-in query
 * library over generated ECS data. Run for Elasticsearch and OpenSearch by {@link ElasticsearchNodeIT} and
 * {@link OpenSearchNodeIT}.
 */
abstract class NodeTests {
    static final int PAGING_DOCS = 12_000;
    static RealNode node;
    static QueryProvider provider;
    static Hunt4j hunt4j;

    @BeforeAll
    static void start(RealNode n) {
        node = n;
        EcsData.load(node);
        EcsData.loadPaging(node, PAGING_DOCS);
        EcsData.loadTypes(node);
        provider = new ElasticProviderFactory().connect(Rows.settings(node.url()));
        // the built-in library through the host's query store and rendering, the plugin on the classpath (embedded mode)
        hunt4j = Hunt4j.builder().provider("es", "elastic", Map.of("hosts", node.url())).build();
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
        if (hunt4j != null) {
            hunt4j.close();
        }
    }

    private static QueryProvider connect(Object... settings) {
        return new ElasticProviderFactory().connect(Rows.settings(node.url(), settings));
    }

    @Test
    void dslQueryFlattensDocumentsIntoTypedDottedColumns() {
        Rows.Result r = Rows.run(provider, "{\"index\": \"" + EcsData.PROCESS_INDEX + "\", \"query\": {\"term\": {\"process.pid\": 4002}}}");
        assertEquals(1, r.size());
        assertEquals("@timestamp", r.names().get(0), "the time field comes first: " + r.names());
        assertEquals(ColumnType.TIMESTAMP, r.column("@timestamp").type());
        assertEquals(ColumnType.LONG, r.column("process.pid").type());
        assertEquals(ColumnType.STRING, r.column("host.name").type());
        Map<String, Object> row = r.rows().get(0);
        assertEquals(EcsData.at(2 * 37), row.get("@timestamp"));
        assertEquals(4002L, row.get("process.pid"));
        assertEquals("wks-03.contoso.com", row.get("host.name"));
        assertEquals("windows", row.get("host.os.family"));
        assertEquals(602L, row.get("process.parent.pid"));
        assertEquals("[\"process\"]", row.get("event.category"), "arrays stay JSON text");
        assertEquals("[\"10.0.0.12\",\"fe80::12\"]", row.get("host.ip"));
        assertEquals("logs", row.get("data_stream.type"), "dotted keys in _source land in their column");
        assertEquals("\"C:\\Program Files\\Mozilla Firefox\\firefox.exe\" -url \"https://example.org/?q=a&b=\\\"c\\\"\"",
                row.get("process.command_line"));
    }

    @Test
    void arraysOfObjectsSpreadOverTheirLeafColumnsAndDisabledObjectsStayJson() {
        Rows.Result alerts = Rows.run(provider, "{\"index\": \".alerts-security.alerts-*\", \"sort\": [{\"@timestamp\": \"asc\"}]}");
        assertEquals(EcsData.KIBANA_ALERTS, alerts.size(), "the hidden alerts index is found by its .-pattern");
        Map<String, Object> first = alerts.rows().get(0);
        assertEquals("[\"T1059\",\"T1059.001\",\"T1027\"]", first.get("threat.technique.id"));
        assertEquals("[\"Execution\",\"Defense Evasion\"]", first.get("threat.tactic.name"));
        assertEquals("Suspicious PowerShell Encoded Command", first.get("kibana.alert.rule.name"));
        assertEquals(ColumnType.DOUBLE, alerts.column("kibana.alert.risk_score").type());
        assertEquals(21.0, first.get("kibana.alert.risk_score"));

        Rows.Result sysmon = Rows.run(provider, "{\"index\": \"" + EcsData.WINLOGBEAT_INDEX + "\", \"query\": {\"term\": "
                + "{\"event.code\": \"1\"}}, \"fields\": [\"process.pid\", \"winlog.event_data\"], \"sort\": [\"process.pid\"]}");
        assertEquals(List.of("process.pid", "winlog.event_data"), sysmon.names());
        assertEquals(ColumnType.JSON, sysmon.column("winlog.event_data").type());
        // OpenSearch's source filtering reorders keys: compare the JSON, not its text
        assertEquals(Json.parse("{\"RuleName\":\"-\",\"IntegrityLevel\":\"Medium\",\"Hashes\":\"SHA256=" + EcsData.sha(100) + "\"}"),
                Json.parse((String) sysmon.rows().get(0).get("winlog.event_data")));
    }

    @Test
    void fieldsSelectColumnsInOrderAndObjectPathsAndWildcardsExpand() {
        Rows.Result r = Rows.run(provider, "{\"index\": \"" + EcsData.PROCESS_INDEX + "\", \"fields\": [\"process.pid\", \"user\", "
                + "\"host.os.*\", \"_id\", \"_index\", \"no.such.field\"], \"sort\": [{\"process.pid\": \"desc\"}], \"size\": 3}");
        assertEquals(List.of("process.pid", "user.domain", "user.id", "user.name", "host.os.family", "_id", "_index", "no.such.field"),
                r.names());
        assertEquals(List.of(4059L, 4058L, 4057L), r.values("process.pid"));
        assertEquals(EcsData.PROCESS_INDEX, r.rows().get(0).get("_index"));
        assertNotNull(r.rows().get(0).get("_id"));
        assertNull(r.rows().get(0).get("no.such.field"));
        assertEquals(ColumnType.STRING, r.column("no.such.field").type());
    }

    @Test
    void luceneShorthandWithFieldsSortAndLimit() {
        Rows.Result r = Rows.run(provider, "lucene: logs-endpoint.events.process-*, winlogbeat-* | process.name:powershell.exe AND "
                + "host.name:wks-0* | fields @timestamp, host.name, process.pid | sort @timestamp desc | limit 4");
        assertEquals(List.of("@timestamp", "host.name", "process.pid"), r.names());
        assertEquals(4, r.size());
        List<Object> times = r.values("@timestamp");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(((Instant) times.get(i - 1)).isAfter((Instant) times.get(i)), "descending: " + times);
        }
        // a phrase with an escaped quote, and the default index (every index) when none is named
        Rows.Result phrase = Rows.run(provider, "lucene: process.command_line:\"-url \\\"https\"");
        assertEquals(0, phrase.size());
        Rows.Result all = Rows.run(provider, "lucene: winlogbeat-* | event.code:4625 | limit 100");
        assertEquals(EcsData.LOGONS_FAILED_WIN, all.size());
    }

    @Test
    void timeRangeFiltersOnTheConfiguredTimeField() {
        TimeRange range = new TimeRange(EcsData.at(0), EcsData.at(9 * 37 + 1));
        Rows.Result byTimestamp = Rows.run(provider, "{\"index\": \"" + EcsData.PROCESS_INDEX + "\", \"fields\": [\"@timestamp\"]}",
                QueryOptions.defaults().withTimeRange(range));
        assertEquals(10, byTimestamp.size());
        byTimestamp.values("@timestamp").forEach(t -> assertTrue(range.contains((Instant) t), t + " outside " + range));
        assertEquals(9, Rows.run(provider, "{\"index\": \"" + EcsData.PROCESS_INDEX + "\"}", QueryOptions.defaults()
                .withTimeRange(new TimeRange(EcsData.at(0), EcsData.at(9 * 37)))).size(), "[start, end): a doc at the end is left out");
        // event.created is a minute after @timestamp: the last doc moves out of the range
        try (QueryProvider created = connect("time_field", "event.created")) {
            assertEquals(9, Rows.run(created, "{\"index\": \"" + EcsData.PROCESS_INDEX + "\"}", QueryOptions.defaults()
                    .withTimeRange(range)).size());
        }
        assertEquals(9, Rows.run(provider, "{\"index\": \"" + EcsData.PROCESS_INDEX + "\", \"time_field\": \"event.created\"}",
                QueryOptions.defaults().withTimeRange(range)).size());
        QueryException unmapped = assertThrows(QueryException.class, () -> Rows.run(provider, "{\"index\": \""
                + EcsData.PROCESS_INDEX + "\", \"time_field\": \"no_time\"}", QueryOptions.defaults().withTimeRange(range)));
        assertTrue(unmapped.getMessage().contains("'no_time' is not mapped"), unmapped.getMessage());
    }

    @Test
    void pagesThroughEveryDocumentExactlyOnceWhateverTheSort() {
        for (String sort : List.of("", ", \"sort\": [{\"bucket\": \"asc\"}]", ", \"sort\": [{\"@timestamp\": \"desc\"}]")) {
            try (QueryProvider small = connect("page_size", 997)) {
                ResultStream rs = small.execute("{\"index\": \"" + EcsData.PAGING_INDEX + "\", \"fields\": [\"seq\", \"bucket\"]" + sort + "}",
                        QueryOptions.defaults());
                Set<Long> seen = new HashSet<>();
                String previous = null;
                int n = 0;
                try (rs) {
                    for (Object[] row = rs.next(); row != null; row = rs.next(), n++) {
                        assertTrue(seen.add((Long) row[0]), "seq " + row[0] + " came twice (sort" + sort + ")");
                        if (sort.contains("bucket")) {
                            assertTrue(previous == null || previous.compareTo((String) row[1]) <= 0, "bucket order");
                            previous = (String) row[1];
                        }
                    }
                    int pages = ((SearchStream) rs).pages();
                    assertTrue(pages == PAGING_DOCS / 997 + 1 || pages == PAGING_DOCS / 997 + 2, "pages: " + pages);
                }
                assertEquals(PAGING_DOCS, n, "rows (sort" + sort + ")");
                assertEquals(PAGING_DOCS, seen.size());
            }
        }
        assertEquals(0, node.settledOpenContexts(), "every point in time was closed");
    }

    @Test
    void rowLimitAndEarlyCloseLeaveNoPointInTimeOpen() {
        try (QueryProvider small = connect("page_size", 500)) {
            assertEquals(1234, Rows.run(small, "{\"index\": \"" + EcsData.PAGING_INDEX + "\"}", QueryOptions.defaults().withMaxRows(1234)).size());
            assertEquals(25, Rows.run(small, "{\"index\": \"" + EcsData.PAGING_INDEX + "\", \"size\": 25}").size());
            ResultStream rs = small.execute("{\"index\": \"" + EcsData.PAGING_INDEX + "\"}", QueryOptions.defaults());
            for (int i = 0; i < 700; i++) {
                assertNotNull(rs.next());
            }
            assertTrue(node.openContexts() > 0, "a point in time is open while paging");
            rs.close();
            assertNull(rs.next());
        }
        assertEquals(0, node.settledOpenContexts(), "closing early closed the point in time");
    }

    @Test
    void cancellationStopsPagingAndClosesThePointInTime() {
        Cancellation c = new Cancellation();
        try (QueryProvider small = connect("page_size", 100);
             ResultStream rs = small.execute("{\"index\": \"" + EcsData.PAGING_INDEX + "\"}", QueryOptions.defaults().withCancellation(c))) {
            assertNotNull(rs.next());
            c.cancel();
            QueryException e = assertThrows(QueryException.class, () -> {
                while (rs.next() != null) {
                    // drains what is buffered
                }
            });
            assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        }
        assertEquals(0, node.settledOpenContexts());
    }

    @Test
    void valuesAreConvertedFromWhatTheDocumentHolds() {
        Rows.Result r = Rows.run(provider, "{\"index\": \"" + EcsData.TYPES_INDEX + "\", \"fields\": [\"@timestamp\", \"seen\", \"ratio\", "
                + "\"flag\", \"note\"], \"sort\": [\"@timestamp\"]}");
        assertEquals(ColumnType.TIMESTAMP, r.column("seen").type());
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), r.rows().get(0).get("@timestamp"), "epoch millis");
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), r.rows().get(0).get("seen"), "epoch_second");
        assertEquals(Instant.parse("2024-03-01T00:00:01Z"), r.rows().get(1).get("seen"), "epoch seconds in a string");
        assertEquals(Instant.parse("2024-03-01T00:00:01.5Z"), r.rows().get(1).get("@timestamp"));
        assertEquals(1.25, r.rows().get(1).get("ratio"));
        assertEquals(Boolean.FALSE, r.rows().get(1).get("flag"));
        assertEquals("42", r.rows().get(1).get("note"));
        assertEquals("[\"x\",\"y\"]", r.rows().get(2).get("note"));

        QueryException bad = assertThrows(QueryException.class, () -> Rows.run(provider, "{\"index\": \"" + EcsData.TYPES_INDEX
                + "\", \"fields\": [\"count\"], \"sort\": [\"@timestamp\"]}"));
        assertTrue(bad.getMessage().contains("row 3, field count (LONG)") && bad.getMessage().contains("'n/a'")
                && bad.getMessage().contains("on_type_error"), bad.getMessage());
        try (QueryProvider lenient = connect("on_type_error", "null")) {
            assertEquals(java.util.Arrays.asList(5L, 7L, null), Rows.run(lenient, "{\"index\": \"" + EcsData.TYPES_INDEX
                    + "\", \"fields\": [\"count\"], \"sort\": [\"@timestamp\"]}").values("count"));
        }
    }

    @Test
    void serverErrorsCarryTheServersReason() {
        QueryException dsl = assertThrows(QueryException.class, () -> Rows.run(provider,
                "{\"index\": \"" + EcsData.PROCESS_INDEX + "\", \"query\": {\"bool\": {\"must\": [{\"no_such_query\": {}}]}}}"));
        assertTrue(dsl.getMessage().contains("HTTP 400") && dsl.getMessage().contains("no_such_query"), dsl.getMessage());
        QueryException lucene = assertThrows(QueryException.class, () -> Rows.run(provider, "lucene: " + EcsData.PROCESS_INDEX
                + " | host.name:(unclosed"));
        assertTrue(lucene.getMessage().contains("Cannot parse") || lucene.getMessage().contains("Failed to parse query"),
                lucene.getMessage());
        QueryException missing = assertThrows(QueryException.class, () -> Rows.run(provider, "{\"index\": \"no-such-index\"}"));
        assertTrue(missing.getMessage().contains("HTTP 404") && missing.getMessage().contains("no such index [no-such-index]"),
                missing.getMessage());
        assertEquals(0, Rows.run(provider, "{\"index\": \"no-such-index-*\"}").size(), "a pattern that matches nothing");
    }

    @Test
    void esqlAndSqlSayClearlyWhenTheClusterHasNone() {
        NotSupportedException esql = assertThrows(NotSupportedException.class, () -> Rows.run(provider,
                "esql: FROM " + EcsData.PROCESS_INDEX + " | LIMIT 5"));
        assertTrue(esql.getMessage().contains("no ES|QL"), esql.getMessage());
        NotSupportedException sql = assertThrows(NotSupportedException.class, () -> Rows.run(provider,
                "sql: SELECT * FROM \"" + EcsData.PROCESS_INDEX + "\""));
        assertTrue(sql.getMessage().contains("no SQL endpoint"), sql.getMessage());
    }

    @Test
    void failsOverFromAHostThatIsDown() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(null, "hosts",
                List.of("http://127.0.0.1:" + dead, node.url()), "connect_timeout", "2s"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(EcsData.DEFEND_PROCESSES, Rows.run(p, "{\"index\": \"" + EcsData.PROCESS_INDEX + "\", \"fields\": [\"process.pid\"]}").size());
            }
        }
    }

    @Test
    void builtInQueriesReturnTheExpectedRows() {
        DataProvider es = hunt4j.provider("es");
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("list_host_processes(host_name=WKS-07)", 12 + EcsData.SYSMON_PROCESSES);
        expected.put("list_processes_by_account(account_name=ALICE)", 15);
        expected.put("list_processes_matching_commandline(commandline=-ENC )", 15);
        expected.put("list_processes_by_name(process_name=PowerShell.exe)", 15);
        expected.put("list_host_logons(host_name=wks-01)", 4);
        expected.put("list_host_logons(host_name=srv-db)", EcsData.LOGONS_OK_LINUX);
        expected.put("list_logon_failures()", EcsData.LOGONS_FAILED_WIN + EcsData.LOGONS_FAILED_LINUX);
        expected.put("list_logon_failures(host_name=srv)", EcsData.LOGONS_FAILED_LINUX);
        expected.put("list_logons_for_account(account_name=carol)", EcsData.LOGONS_OK_LINUX);
        expected.put("list_logons_from_ip(ip_address=203.0.113.66)", EcsData.LOGONS_FAILED_WIN + EcsData.LOGONS_FAILED_LINUX);
        expected.put("list_host_network_connections(host_name=wks-07)", EcsData.SYSMON_NETWORK + EcsData.SYSMON_DNS);
        expected.put("list_connections_to_ip(ip_address=198.51.100.7)", 5 + 5);
        expected.put("list_connections_to_port(port=22)", 4);
        expected.put("list_dns_queries(host_name=wks-07)", EcsData.SYSMON_DNS);
        expected.put("list_dns_for_domain(domain=evil.example.net)", EcsData.SYSMON_DNS + 10);
        expected.put("list_alerts()", EcsData.KIBANA_ALERTS + EcsData.ENDPOINT_ALERTS);
        expected.put("list_alerts_for_host(host_name=wks-07)", 1 + EcsData.ENDPOINT_ALERTS);
        expected.put("list_alerts_by_severity()", 3);
        expected.put("list_alerts_by_severity(severity=[low])", 1);
        expected.put("get_alert(alert_id=alert-4)", 1);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String call = e.getKey();
            String name = call.substring(0, call.indexOf('('));
            String args = call.substring(call.indexOf('(') + 1, call.length() - 1);
            Map<String, Object> params = new java.util.HashMap<>();
            if (!args.isEmpty()) {
                String[] kv = args.split("=", 2);
                Object v = kv[1].startsWith("[") ? List.of(kv[1].substring(1, kv[1].length() - 1))
                        : kv[0].equals("port") ? (Object) Long.parseLong(kv[1]) : kv[1];
                params.put(kv[0], v);
            }
            try (QueryResult r = es.query(name, params, QueryOptions.defaults())) {
                assertEquals(e.getValue(), r.toTable().rowCount(), call + "\n" + r.queryText());
            }
        }
        // a hostile value stays a value: no rows, no error, no structure change
        try (QueryResult r = es.query("list_host_processes", Map.of("host_name", "x\"}}]}},{\"match_all\":{}}], \"x\": [{\"a\": \""),
                QueryOptions.defaults())) {
            assertEquals(0, r.toTable().rowCount());
        }
    }

    @Test
    void resultsBecomeTablesAndEcsRowsBecomeEntities() {
        DataProvider es = hunt4j.provider("es");
        try (QueryResult r = es.query("list_host_logons", Map.of("host_name", "wks-01"), QueryOptions.defaults())) {
            Table t = r.toTable();
            assertEquals(4, t.rowCount());
            assertEquals(List.of("@timestamp", "host.name", "user.domain", "user.name", "source.ip", "event.code", "event.action",
                    "winlog.logon.type"), t.columnNames());
        }
        try (ResultStream rs = provider.execute("{\"index\": \"" + EcsData.PROCESS_INDEX + "\", \"query\": {\"term\": {\"process.pid\": 4001}}}",
                QueryOptions.defaults())) {
            EcsEntities ecs = new EcsEntities(rs.columns());
            List<Entity> entities = ecs.entities(rs.next());
            Set<String> kinds = entities.stream().map(x -> x.getClass().getSimpleName()).collect(Collectors.toSet());
            assertTrue(kinds.containsAll(Set.of("Host", "Account", "Process", "IpAddress", "FileEntity")), kinds.toString());
            assertTrue(entities.contains(new Host("wks-02", "contoso.com", "Windows")), entities.toString());
            assertTrue(entities.contains(new Account("bob", "CONTOSO", null, "S-1-5-21-1004-1001")), entities.toString());
            assertTrue(entities.contains(new IpAddress("fe80::11")), entities.toString());
            dev.hunt4j.api.entity.Process p = (dev.hunt4j.api.entity.Process) entities.stream()
                    .filter(x -> x instanceof dev.hunt4j.api.entity.Process).findFirst().orElseThrow();
            assertEquals("4001", p.processId());
            assertTrue(p.commandLine().startsWith("powershell.exe -nop"));
            assertInstanceOf(Instant.class, p.created());
        }
    }

    @Test
    void runsFromThePluginZipWithAConfigFile(@TempDir Path dir) throws Exception {
        Path zip;
        try (var files = Files.list(Path.of("target"))) {
            zip = files.filter(f -> f.getFileName().toString().matches("hunt4j-provider-elastic-.*\\.zip")).findFirst()
                    .orElseThrow(() -> new AssertionError("no plugin zip in target/ (built in the package phase)"));
        }
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        Path config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "providers:\n  siem:\n    type: elastic\n    hosts: [" + node.url() + "]\n    page_size: 50\n");
        try (Hunt4j h = Hunt4j.builder().config(config).pluginsDir(plugins).build()) {
            assertTrue(h.problems().isEmpty(), h.problems().toString());
            assertEquals("hunt4j-provider-elastic", h.plugins().stream().map(p -> p.id()).filter(id -> id.contains("elastic"))
                    .findFirst().orElse(null));
            try (QueryResult r = h.provider("siem").query("list_host_processes", Map.of("host_name", "wks-07"),
                    QueryOptions.defaults().withTimeout(Duration.ofMinutes(1)))) {
                assertEquals(12 + EcsData.SYSMON_PROCESSES, r.toTable().rowCount());
            }
        }
    }
}
