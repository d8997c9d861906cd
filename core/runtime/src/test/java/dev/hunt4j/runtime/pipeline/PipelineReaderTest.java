package dev.hunt4j.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading pipeline files: the model, and every problem reported with its line before anything runs. */
class PipelineReaderTest {
    static final String GOOD = """
            name: triage
            title: Triage of ${host}
            description: Looks at one host.
            parameters:
              host: {type: str, description: The host}
              time_range: {type: timerange, default: -7d, description: When}
              min: {type: int, default: 2, prompt: false}
              kinds: {type: list, default: [a, b]}
            defaults:
              provider: pipeline-test
              time_range: ${time_range}
            steps:
              - type: query
                title: Events on ${host}
                query: events_for_host
                params: {host_name: "${host}"}
                output: events
                finding: {title: "Events on ${host}", severity: medium, columns: [Computer], max_rows: 3}
              - type: filter
                input: events
                where: EventID == 4688 and CommandLine contains "cmd"
                output: processes
                when: rows(events) > 0 and ${min} > 1
                on_error: warn
              - type: render
                renderer: test-view
                input: {main: processes, other: events}
                report: true
            """;

    static PipelineException problems(String yaml) {
        return assertThrows(PipelineException.class, () -> Pipeline.parse(yaml, "bad.yaml"));
    }

    @Test
    void readsParametersDefaultsAndSteps() {
        Pipeline p = Pipeline.parse(GOOD, "investigations/triage.yaml");
        assertEquals("triage", p.name());
        assertEquals(List.of("host", "time_range", "min", "kinds"), p.parameters().stream().map(ParameterSpec::name).toList());
        ParameterSpec host = p.parameter("host").orElseThrow();
        assertTrue(host.required());
        assertEquals(ParameterSpec.Type.TIMERANGE, p.parameter("time_range").orElseThrow().type());
        assertEquals(false, p.parameter("min").orElseThrow().prompt());
        assertEquals("pipeline-test", p.defaults().get("provider"));
        assertEquals(3, p.steps().size());
        StepSpec q = p.steps().get(0);
        assertEquals(StepType.QUERY, q.type());
        assertEquals("events", q.id());
        assertEquals(Map.of("host_name", "${host}"), q.options().get("params"));
        assertEquals(Severity.WARNING, q.finding().severity());
        assertEquals(13, q.line());
        StepSpec f = p.steps().get(1);
        assertEquals(List.of("events"), f.inputTables());
        assertEquals(StepSpec.OnError.WARN, f.onError());
        assertEquals(java.util.Set.of("events"), f.when().tables());
        StepSpec r = p.steps().get(2);
        assertEquals("render-3", r.id());
        assertNull(r.output());
        assertEquals(Map.of("main", "processes", "other", "events"), r.inputs());
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        PipelineException e = problems("""
                parameters:
                  host: {type: str}
                  when: {type: datetme}
                steps:
                  - type: qurey
                    output: a
                  - type: query
                    query: x
                    params: {host_name: "${hots}"}
                    output: events
                  - type: filter
                    input: evnts
                    where: EventID == 1
                    output: f
                  - type: filter
                    input: events
                    where: EventID ==
                    output: g
                    colour: red
                  - type: render
                    renderer: timeline
                    input: events
                    output: nope
                    when: ${host} and rows(missing) > 0
                """);
        List<String> p = e.problems();
        assertTrue(p.contains("bad.yaml:3: parameter 'when' has unknown type 'datetme' (types: str, int, float, bool, datetime, timerange, list)"), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("bad.yaml:5: step 1: unknown step type 'qurey' (did you mean query?)")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("bad.yaml:9: step 2 'events' (query): 'params' uses ${hots}, which is not a parameter (did you mean host?)")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("bad.yaml:12: step 3 'f' (filter) reads table 'evnts', which no earlier step writes (did you mean events?)")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("bad.yaml:17: step 4 'g' (filter) where: column 11: expected a value")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("bad.yaml:19: step 4 'g' (filter): unknown key 'colour'")), p.toString());
        assertTrue(p.contains("bad.yaml:23: step 5 'nope' (render): a render step writes no table; remove 'output'"), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("bad.yaml:24: step 5 'nope' (render): 'when' counts table 'missing', which no earlier step writes")), p.toString());
        assertTrue(e.getMessage().startsWith(p.size() + " problems:"), e.getMessage());
    }

    @Test
    void stepKeysAreCheckedPerType() {
        List<String> p = problems("""
                steps:
                  - type: query
                    output: a
                  - type: analyze
                    input: a
                    output: b
                  - type: join
                    input: a
                    on: [x]
                    how: outer
                    output: c
                  - type: filter
                    input: a
                    tree: sideways
                    output: d
                  - type: extract-iocs
                    input: a
                    output: e
                  - type: render
                    input: a
                """).problems();
        assertTrue(p.contains("bad.yaml:2: step 1 'a' (query): give either 'query' (a named query) or 'text' (query text)"), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("step 2 'b' (analyze): 'analyzer' names the analyzer")), p.toString());
        assertTrue(p.contains("bad.yaml:8: step 3 'c' (join): needs 2 input tables ('input: TABLE' or 'input: [A, B]')"), p.toString());
        assertTrue(p.contains("bad.yaml:10: step 3 'c' (join): 'how' must be inner or left"), p.toString());
        assertTrue(p.contains("bad.yaml:14: step 4 'd' (filter): 'tree' must be chain, ancestors, descendants or both"), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("step 5 'e' (extract-iocs): 'columns' names the columns to search")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("step 6 'render-6' (render): 'renderer' names the view")), p.toString());
    }

    @Test
    void badDefaultsAndMalformedYamlNameTheLine() {
        List<String> p = problems("""
                parameters:
                  n: {type: int, default: many}
                  r: {type: timerange, default: yesterday-ish}
                steps:
                  - type: query
                    text: x
                    output: a
                """).problems();
        assertTrue(p.get(0).startsWith("bad.yaml:2: bad default: parameter 'n' (int): 'many' is not valid"), p.toString());
        assertTrue(p.get(1).startsWith("bad.yaml:3: bad default: parameter 'r' (timerange)"), p.toString());
        PipelineException yaml = problems("steps:\n  - type: query\n    text: [unclosed\n");
        assertTrue(yaml.getMessage().startsWith("bad.yaml:4: malformed YAML"), yaml.getMessage());
        assertTrue(problems("steps: 3").getMessage().contains("'steps' must be a list"));
        assertTrue(problems("parameters: {}").getMessage().contains("no 'steps'"));
    }

    @Test
    void stepsWritingTheSameTableUnderConditionsGetTheirOwnIds() {
        Pipeline p = Pipeline.parse("""
                parameters:
                  text: {type: str, default: ''}
                steps:
                  - {type: query, text: events, when: empty(text), output: found}
                  - {type: extract-iocs, text: "${text}", when: notempty(text), output: found}
                  - {type: filter, input: found, limit: 1, output: one}
                """, "alt.yaml");
        assertEquals(List.of("found", "found-2", "one"), p.steps().stream().map(StepSpec::id).toList());
        assertTrue(problems("""
                steps:
                  - {id: x, type: query, text: a, output: a}
                  - {id: x, type: query, text: b, output: b}
                """).getMessage().contains("another step has the id 'x'"));
    }
}
