package dev.hunt4j.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.Severity;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.runtime.Hunt4j;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running pipelines through a real {@link Hunt4j} in embedded mode: the test provider, TI provider and renderer of
 * this package, and the analyzers of hunt4j-analysis, all found on the test classpath.
 */
class PipelineRunnerTest {
    @TempDir
    static Path dir;
    static Hunt4j hunt4j;

    @BeforeAll
    static void start() throws Exception {
        Path config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "enrichers:\n  ti:\n    type: pipeline-ti\n    global_ips_only: false\n");
        hunt4j = Hunt4j.builder().config(config).build();
    }

    @AfterAll
    static void stop() {
        hunt4j.close();
    }

    static InvestigationResult run(String yaml, Map<String, String> params) {
        Pipeline p = Pipeline.parse(yaml, "test.yaml");
        return PipelineRunner.of(hunt4j).run(p, ParameterResolver.of(p).given(params).resolve());
    }

    static List<List<Object>> rows(DataTable t) {
        List<List<Object>> out = new ArrayList<>();
        t.rows().forEach(r -> out.add(Arrays.asList(r)));
        return out;
    }

    static List<String> columns(DataTable t) {
        return t.columns().stream().map(Column::name).toList();
    }

    static final String HEADER = """
            parameters:
              host: {type: str, default: WKS-01}
              time_range: {type: timerange, default: 2026-03-03..2026-03-05}
            defaults:
              provider: pipeline-test
              time_range: ${time_range}
            """;

    @Test
    void queriesAndTableStepsProduceTheirTables() {
        InvestigationResult r = run(HEADER + """
                steps:
                  - {type: query, query: events_for_host, params: {host_name: "${host}"}, output: host_events}
                  - {type: query, query: list_events, output: events}
                  - type: filter
                    input: events
                    where: EventID == 4688 and Account != "carol"
                    columns: [Computer, Account, CommandLine]
                    sort: Account desc
                    limit: 2
                    output: picked
                  - type: aggregate
                    input: events
                    by: [Computer]
                    count: Events
                    count_distinct: {Ids: EventID}
                    min: {First: TimeGenerated}
                    max: {Last: TimeGenerated}
                    sum: {IdSum: EventID}
                    values: {Accounts: Account}
                    output: per_host
                  - {type: query, query: list_logons, output: logons}
                  - {type: join, input: [events, logons], on: [Computer], output: joined}
                  - {type: join, input: [picked, logons], on: {Account: TargetUserName}, how: left, output: left_joined}
                  - {type: union, input: [picked, logons], output: both}
                  - {type: filter, input: events, distinct: true, columns: [Computer], output: hosts}
                """, Map.of());
        assertFalse(r.failed(), r.errors().toString());
        DataTable host = r.table("host_events").orElseThrow();
        assertEquals(2, host.size(), "the time range applies: 2026-03-03 and -04 only, and the host filter");
        assertTrue(TestProviderFactory.QUERIES.contains("events | Computer == \"WKS-01\""), TestProviderFactory.QUERIES.toString());
        assertEquals(4, r.table("events").orElseThrow().size(), "2026-03-05 is outside the range");
        DataTable picked = r.table("picked").orElseThrow();
        assertEquals(List.of("Computer", "Account", "CommandLine"), columns(picked));
        assertEquals(List.of("bob", "alice"), picked.rows().stream().map(x -> x[1]).toList());
        DataTable perHost = r.table("per_host").orElseThrow();
        assertEquals(List.of("Computer", "Events", "Ids", "First", "Last", "Accounts", "IdSum"), columns(perHost));
        assertEquals(List.of("WKS-01", 2L, 1L, Instant.parse("2026-03-03T10:00:00Z"), Instant.parse("2026-03-03T10:05:00Z"), "alice", 9376L),
                rows(perHost).get(0));
        assertEquals(List.of("WKS-02", 2L, 2L), rows(perHost).get(1).subList(0, 3));
        DataTable joined = r.table("joined").orElseThrow();
        assertEquals(10, joined.size(), "2 WKS-01 events x 4 WKS-01 logons + 2 WKS-02 events x 1 logon");
        assertTrue(columns(joined).containsAll(List.of("TimeGenerated", "TimeGenerated_logons", "EventID_logons", "TargetUserName")));
        DataTable left = r.table("left_joined").orElseThrow();
        assertEquals(4, left.size(), "bob and alice match two logons each");
        assertEquals(7, r.table("both").orElseThrow().size());
        assertEquals(List.of(List.of("WKS-01"), List.of("WKS-02")), rows(r.table("hosts").orElseThrow()));
    }

    @Test
    void foreachRunsTheQueryPerValueAndQueryTextValuesStayData() {
        InvestigationResult r = run(HEADER + """
                steps:
                  - {type: query, query: list_logons, output: logons}
                  - {type: aggregate, input: logons, by: [IpAddress], output: ips}
                  - type: query
                    query: logons_from_ip
                    foreach: {input: ips, column: IpAddress, as: ip, where: 'Count > 1'}
                    params: {ip_address: "${ip}"}
                    output: per_ip
                  - type: query
                    text: 'events | Computer == "${host}"'
                    output: raw
                """, Map.of("host", "x\" | Computer == \"WKS-01"));
        DataTable perIp = r.table("per_ip").orElseThrow();
        assertEquals("ip", perIp.columns().get(0).name());
        assertEquals(4, perIp.size());
        assertTrue(perIp.rows().stream().allMatch(x -> x[0].equals("203.0.113.9")));
        assertEquals("IpAddress of ips (1 value) as ${ip}", r.step("per_ip").orElseThrow().details().get("For each"));
        assertEquals(0, r.table("raw").orElseThrow().size(), "the hostile value stayed inside its string literal");
        assertEquals("events | Computer == \"x\\\" | Computer == \\\"WKS-01\"", r.step("raw").orElseThrow().details().get("Query text"));
    }

    @Test
    void indicatorsAreExtractedEnrichedAndRaiseFindingsWorstFirst() {
        InvestigationResult r = run(HEADER + """
                steps:
                  - type: query
                    query: list_events
                    output: events
                    finding: {title: "Events on ${host}", severity: information, columns: [Computer, CommandLine], max_rows: 2}
                  - {type: extract-iocs, input: events, columns: [CommandLine, Nope], include_hosts: true, output: iocs}
                  - {type: enrich, input: iocs, output: ti}
                  - {type: analyze, analyzer: ioc-extract, options: {columns: CommandLine, types: [ipv4]}, input: events, output: ips}
                  - {type: render, renderer: test-view, input: [events, iocs], options: {label: both}}
                """, Map.of());
        assertFalse(r.failed(), r.errors().toString());
        DataTable iocs = r.table("iocs").orElseThrow();
        assertEquals(List.of("IoCType", "Observable", "SourceIndex", "Input", "SourceTable", "Count"), columns(iocs));
        List<String> found = iocs.rows().stream().map(x -> x[0] + ":" + x[1]).toList();
        assertTrue(found.containsAll(List.of("url:http://bad-updates.net/a.ps1", "dns:bad-updates.net", "ipv4:203.0.113.9")), found.toString());
        assertEquals(List.of("ipv4:203.0.113.9"), r.table("ips").orElseThrow().rows().stream().map(x -> x[0] + ":" + x[1]).toList());
        List<Finding> findings = r.findings();
        assertEquals(2, findings.size());
        assertEquals(Severity.HIGH, findings.get(0).severity());
        assertEquals("Threat intelligence flagged 2 observables", findings.get(0).title());
        assertEquals("bad-updates.net", findings.get(0).rows().rows().get(0)[0]);
        assertEquals("ti: known bad: bad-updates.net", findings.get(0).rows().rows().get(0)[4]);
        assertEquals("Events on WKS-01", findings.get(1).title());
        assertEquals(List.of("Computer", "CommandLine"), columns(findings.get(1).rows()));
        assertEquals(2, findings.get(1).rows().size());
        assertEquals(4, findings.get(1).totalRows());
        RenderJob view = r.steps().get(4).view();
        String page = new String(view.render(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(page.contains("table events: 4 rows") && page.contains("table iocs: "), page);
    }

    @Test
    void conditionsSkipStepsAndWarnKeepsGoing() {
        InvestigationResult r = run(HEADER.replace("parameters:\n", "parameters:\n  lookup: {type: bool, default: false}\n") + """
                steps:
                  - {type: query, query: broken_query, output: broken, on_error: warn}
                  - {type: filter, input: broken, limit: 1, output: after_broken}
                  - {type: query, query: list_events, output: events, when: rows(broken) == 0}
                  - {type: filter, input: events, limit: 1, output: one, when: '${lookup}'}
                  - {type: filter, input: one, limit: 1, output: two}
                  - {type: render, renderer: test-view, input: [broken, events]}
                """, Map.of());
        assertFalse(r.failed());
        assertEquals(StepResult.Status.WARNING, r.steps().get(0).status());
        assertTrue(r.steps().get(0).message().contains("table 'broken' is broken on purpose"), r.steps().get(0).message());
        assertEquals(StepResult.Status.SKIPPED, r.steps().get(1).status());
        assertEquals("input 'broken' was not produced (step 'broken' failed)", r.steps().get(1).message());
        assertEquals(StepResult.Status.OK, r.steps().get(2).status());
        assertEquals("condition not met: ${lookup}", r.steps().get(3).message());
        assertEquals("input 'one' was not produced (step 'one' was skipped)", r.steps().get(4).message());
        StepResult view = r.steps().get(5);
        assertEquals(StepResult.Status.OK, view.status(), "a view draws the tables there are");
        assertEquals(List.of("input 'broken' was not produced (step 'broken' failed): left out of the view"), view.warnings());
        assertEquals(List.of("step 'broken': " + r.steps().get(0).message()), r.errors());
    }

    @Test
    void aPartialQueryResultIsAWarningOfItsStep() {
        InvestigationResult r = run(HEADER + """
                steps:
                  - {type: query, text: partial, output: events}
                """, Map.of());
        StepResult step = r.steps().get(0);
        assertEquals(List.of(TestProviderFactory.PARTIAL_WARNING), step.warnings());
        assertEquals(4, r.table("events").orElseThrow().size(), "the rows of the other chunks are kept");
    }

    @Test
    void aFailingStepStopsTheRunButKeepsWhatRan() {
        InvestigationResult r = run(HEADER + """
                steps:
                  - {type: query, query: list_events, output: events}
                  - {type: filter, input: events, where: NoSuchColumn == 1, output: f}
                  - {type: filter, input: events, limit: 1, output: g}
                """, Map.of());
        assertTrue(r.failed());
        assertEquals(StepResult.Status.FAILED, r.steps().get(1).status());
        assertTrue(r.steps().get(1).message().startsWith("table 'events' has no column 'NoSuchColumn'; its columns are TimeGenerated"),
                r.steps().get(1).message());
        assertEquals(StepResult.Status.NOT_RUN, r.steps().get(2).status());
        assertEquals(4, r.table("events").orElseThrow().size());
        assertNull(r.table("g").orElse(null));
    }

    @Test
    void validationAgainstTheRuntimeNamesLinesAndRunsNothing() {
        int before = TestProviderFactory.QUERIES.size();
        PipelineException e = assertThrows(PipelineException.class, () -> run(HEADER + """
                steps:
                  - {type: query, query: list_event, output: a}
                  - {type: query, query: events_for_host, output: b}
                  - {type: query, query: list_events, params: {colour: red}, output: c}
                  - {type: query, text: x, provider: nope, output: d}
                  - {type: analyze, analyzer: proctre, input: c, output: e}
                  - {type: analyze, analyzer: ioc-extract, input: c, output: f}
                  - {type: render, renderer: test-veiw, input: c}
                  - {type: render, renderer: test-view, input: c, options: {colour: red}}
                  - {type: enrich, input: c, providers: [tii], output: g}
                  - {type: query, text: x, time_range: someday, output: h}
                """, Map.of()));
        List<String> p = e.problems();
        assertEquals(before, TestProviderFactory.QUERIES.size(), "nothing ran");
        assertTrue(p.get(0).startsWith("test.yaml:8: step 1 'a' (query): ") && p.get(0).contains("list_events"), p.get(0));
        assertTrue(p.get(1).startsWith("test.yaml:9: step 2 'b' (query): query events_for_host needs parameter 'host_name'"), p.get(1));
        assertTrue(p.get(2).startsWith("test.yaml:10: step 3 'c' (query): query list_events has no parameter 'colour'"), p.get(2));
        assertTrue(p.get(3).startsWith("test.yaml:11: step 4 'd' (query): no provider named 'nope'"), p.get(3));
        assertTrue(p.get(4).startsWith("test.yaml:12: step 5 'e' (analyze): no analyzer called 'proctre' (did you mean proctree?)"), p.get(4));
        assertTrue(p.get(5).startsWith("test.yaml:13: step 6 'f' (analyze): option 'columns' is required for ioc-extract"), p.get(5));
        assertTrue(p.get(6).startsWith("test.yaml:14: step 7 'render-7' (render): no renderer called 'test-veiw' (did you mean test-view?)"), p.get(6));
        assertEquals("test.yaml:15: step 8 'render-8' (render): test-view: unknown option 'colour'", p.get(7));
        assertTrue(p.get(8).startsWith("test.yaml:16: step 9 'g' (enrich): no TI provider named 'tii' (did you mean ti"), p.get(8));
        assertTrue(p.get(9).startsWith("test.yaml:17: step 10 'h' (query): 'someday' is not a time range"), p.get(9));
        assertEquals(10, p.size(), p.toString());
    }

    @Test
    void processTreeSlicesNameTheChain() {
        List<Column> cols = List.of(new Column("NewProcessName", dev.hunt4j.api.data.ColumnType.STRING),
                new Column("source_index", dev.hunt4j.api.data.ColumnType.LONG), new Column("path", dev.hunt4j.api.data.ColumnType.STRING));
        List<Object[]> rows = List.of(
                new Object[] {"C:\\Windows\\explorer.exe", 0L, "0"},
                new Object[] {"C:\\Windows\\System32\\cmd.exe", 1L, "0/1"},
                new Object[] {"C:\\Windows\\System32\\powershell.exe", 2L, "0/1/2"},
                new Object[] {"C:\\Temp\\evil.exe", 3L, "0/1/2/3"},
                new Object[] {"C:\\Windows\\notepad.exe", 4L, "0/4"});
        DataTable t = new DataTable("tree", cols, rows);
        List<Object[]> match = List.<Object[]>of(rows.get(2));
        DataTable chain = TableOps.tree(t, match, "chain", null);
        assertEquals(1, chain.size());
        assertEquals("explorer.exe > cmd.exe > powershell.exe", chain.rows().get(0)[3]);
        assertEquals(List.of(0L, 1L, 2L), TableOps.tree(t, match, "ancestors", null).rows().stream().map(x -> x[1]).toList());
        assertEquals(List.of(2L, 3L), TableOps.tree(t, match, "descendants", null).rows().stream().map(x -> x[1]).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L), TableOps.tree(t, match, "both", null).rows().stream().map(x -> x[1]).toList());
    }
}
