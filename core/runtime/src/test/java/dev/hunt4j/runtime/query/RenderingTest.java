package dev.hunt4j.runtime.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryLanguages;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderingTest {
    private static final TimeRange DAY = new TimeRange(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));
    private final QueryStore kql = TestQueries.store("kql_windows.yaml");

    private static String render(QueryDefinition q, Map<String, ?> values, TimeRange range) {
        return q.render(values, QueryLanguages.KQL, range, TestQueries.CLOCK);
    }

    @Test
    void kqlWithTimeRangeDefaultsAndAlias() {
        String text = render(kql.get("list_host_processes"), Map.of("host", "web-01"), DAY);
        assertEquals("""
                SecurityEvent
                | where TimeGenerated >= datetime(2024-01-01T00:00:00Z)
                | where TimeGenerated < datetime(2024-01-02T00:00:00Z)
                | where Computer has "web-01"
                """, text);
    }

    @Test
    void sourceOverrideOfADefaultIsUsed() {
        assertTrue(render(kql.get("list_host_logons"), Map.of("host_name", "a"), DAY).startsWith("SigninEvents\n"));
    }

    @Test
    void callerTimesWinOverTheTimeRange() {
        String text = render(kql.get("list_host_processes"),
                Map.of("host_name", "a", "start", "2023-06-01", "end", Instant.parse("2023-06-02T10:30:00Z")), DAY);
        assertTrue(text.contains("datetime(2023-06-01T00:00:00Z)"), text);
        assertTrue(text.contains("datetime(2023-06-02T10:30:00Z)"), text);
    }

    @Test
    void publicRenderUsesTheSystemClock() {
        String text = kql.get("typed_params").render(Map.of(), QueryLanguages.KQL, null);
        assertTrue(text.contains("datetime(20"), text);
    }

    @Test
    void defaultsOfEveryType() {
        String text = render(kql.get("typed_params"), Map.of(), null);
        assertEquals("""
                SecurityEvent
                | where Count > 10 and Ratio < 0.5 and Flag == true
                | where Computer in ("alpha", "beta")
                | where Name in ("n1", "n2")
                | where TimeGenerated between (datetime(2024-05-03T12:00:00Z) .. datetime(2024-05-10T12:00:00Z))
                | where Path == @"C:\\Windows" or Path == 'C:\\Windows'""", text);
    }

    @Test
    void callerValuesOfEveryTypeFromText() {
        Map<String, Object> v = new HashMap<>();
        v.put("limit", " 25 ");
        v.put("ratio", "2.5e-1");
        v.put("flag", "No");
        v.put("hosts", "web-01, db 02 ,");
        v.put("names", List.of("x", 7));
        v.put("path", "C:\\Temp\\\"x\"");
        v.put("start", "-2d");
        v.put("end", "now");
        String text = render(kql.get("typed_params"), v, DAY);
        assertEquals("""
                SecurityEvent
                | where Count > 25 and Ratio < 0.25 and Flag == false
                | where Computer in ("web-01", "db 02")
                | where Name in ("x", "7")
                | where TimeGenerated between (datetime(2024-05-08T12:00:00Z) .. datetime(2024-05-10T12:00:00Z))
                """ + "| where Path == @\"C:\\Temp\\\"\"x\"\"\" or Path == 'C:\\\\Temp\\\\\"x\"'", text);
    }

    @Test
    void typedJavaValuesAreAccepted() {
        Map<String, Object> v = Map.of("limit", 3, "ratio", 1.0, "flag", true, "hosts", List.of("h1"), "start",
                Instant.parse("2024-01-01T00:00:00.123456789Z"));
        String text = render(kql.get("typed_params"), v, null);
        assertTrue(text.contains("Count > 3 and Ratio < 1 and Flag == true"), text);
        assertTrue(text.contains("Computer in (\"h1\")"), text);
        assertTrue(text.contains("datetime(2024-01-01T00:00:00.123456Z)"), "times are cut to microseconds: " + text);
    }

    @Test
    void missingRequiredParameterNamesQueryParameterTypeAndDescription() {
        QueryException e = assertThrows(QueryException.class, () -> render(kql.get("list_host_processes"), Map.of(), DAY));
        assertEquals("query 'WindowsSecurity.list_host_processes' needs parameter 'host_name' (str): Name of the host", e.getMessage());

        e = assertThrows(QueryException.class, () -> render(kql.get("list_host_processes"), Map.of("host", "x"), null));
        assertEquals("query 'WindowsSecurity.list_host_processes' needs parameter 'start' (datetime): Query start time; "
                + "query 'WindowsSecurity.list_host_processes' needs parameter 'end' (datetime): Query end time", e.getMessage());
    }

    @Test
    void nullValuesCountAsNotGiven() {
        Map<String, Object> v = new HashMap<>();
        v.put("host_name", null);
        assertThrows(QueryException.class, () -> render(kql.get("list_host_processes"), v, DAY));
        v.put("limit", null);
        assertTrue(render(kql.get("typed_params"), v, null).contains("Count > 10"));
    }

    @Test
    void wrongTypesNameParameterQueryAndValue() {
        QueryDefinition q = kql.get("typed_params");
        assertEquals("parameter 'limit' of query 'Typed.typed_params' expects int, got 'abc'",
                assertThrows(QueryException.class, () -> render(q, Map.of("limit", "abc"), null)).getMessage());
        assertEquals("parameter 'limit' of query 'Typed.typed_params' expects int, got '2.5' (a whole number is needed)",
                assertThrows(QueryException.class, () -> render(q, Map.of("limit", 2.5), null)).getMessage());
        assertEquals("parameter 'ratio' of query 'Typed.typed_params' expects float, got 'NaN'",
                assertThrows(QueryException.class, () -> render(q, Map.of("ratio", "NaN"), null)).getMessage());
        assertEquals("parameter 'flag' of query 'Typed.typed_params' expects bool, got 'maybe' (use true, false, yes or no)",
                assertThrows(QueryException.class, () -> render(q, Map.of("flag", "maybe"), null)).getMessage());
        assertTrue(assertThrows(QueryException.class, () -> render(q, Map.of("start", "yesterday"), null)).getMessage()
                .startsWith("parameter 'start' of query 'Typed.typed_params' expects datetime, got 'yesterday' (use ISO-8601"));
        assertEquals("parameter 'path' of query 'Typed.typed_params' expects str, got a list",
                assertThrows(QueryException.class, () -> render(q, Map.of("path", List.of("a")), null)).getMessage());
    }

    @Test
    void unknownParameterSuggestsCloseNames() {
        QueryException e = assertThrows(QueryException.class,
                () -> render(kql.get("list_host_processes"), Map.of("hostname", "x"), DAY));
        assertTrue(e.getMessage().startsWith("query 'WindowsSecurity.list_host_processes' has no parameter 'hostname'; did you mean: host_name"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(parameters: table, start, end, host_op, add_query_items, host_name)"), e.getMessage());
    }

    @Test
    void aParameterGivenTwiceIsAnError() {
        QueryException e = assertThrows(QueryException.class,
                () -> render(kql.get("list_host_processes"), new java.util.TreeMap<>(Map.of("host", "a", "host_name", "b")), DAY));
        assertEquals("parameter 'host_name' of query 'WindowsSecurity.list_host_processes' is given twice, as 'host' and as 'host_name'",
                e.getMessage());
    }

    @Test
    void fileDefaultsAreQueryTextButCallerTextIsData() {
        QueryDefinition q = kql.get("list_host_processes");
        String withDefault = render(q, Map.of("host", "a"), DAY);
        assertTrue(withDefault.contains("Computer has \"a\""), withDefault);

        String asData = render(q, Map.of("host", "a", "add_query_items", "| take 5", "host_op", "=~"), DAY);
        assertTrue(asData.endsWith("| where Computer \"=~\" \"a\"\n\"| take 5\""), asData);

        String asFragment = render(q, Map.of("host", "a", "add_query_items", new QueryFragment("| take 5")), DAY);
        assertTrue(asFragment.endsWith("| where Computer has \"a\"\n| take 5"), asFragment);
    }

    @Test
    void macrosAreExpandedBeforeParameters() {
        assertEquals("SecurityEvent\n| where EventID == 4688\n| where Account == \"bob\\\"s\"\n| take 10",
                render(kql.get("with_macros"), Map.of("account", "bob\"s"), null));
        assertEquals("SecurityEvent | where EventID == 4624", render(kql.get("macro_override"), Map.of(), null));
    }

    @Test
    void doubledBracesAreLiteralAndBlankLinesAreRemoved() {
        assertEquals("SecurityEvent\n| extend Bag = bag_pack(\"k\", \"h\\\"1\"), Re = extract(\"[0-9]{1,3}\", 0, Msg), "
                        + "J = dynamic({\"a\": 1})",
                render(kql.get("braces"), Map.of("host_name", "h\"1"), null));
    }

    @Test
    void rawDefaultsTakePartInFindingLiterals() {
        // the default "| where A == \"" opens the literal the value sits in
        assertEquals("SecurityEvent | where A == \"x\\\" | evil\"",
                render(kql.get("raw_prefix"), Map.of("value", "x\" | evil"), null));
    }

    @Test
    void languageRefusalIsWrapped() {
        QueryException e = assertThrows(QueryException.class,
                () -> render(kql.get("list_host_processes"), Map.of("host", "a\u0001b"), DAY));
        assertEquals("parameter 'host_name' of query 'WindowsSecurity.list_host_processes' cannot be placed in a kql query: "
                + "control character U+0001 is not allowed", e.getMessage());

        e = assertThrows(QueryException.class, () -> render(
                TestQueries.inline("T | where A == \"x{v}\"", "v:list"), Map.of("v", "a,b"), null));
        assertEquals("parameter 'v' of query 'Inline.q' cannot be placed in a kql query: a list cannot be placed here", e.getMessage());

        e = assertThrows(QueryException.class, () -> render(
                TestQueries.inline("T | where A in ({v})", "v:list"), Map.of("v", List.of()), null));
        assertTrue(e.getMessage().endsWith("an empty list cannot be placed here"), e.getMessage());
    }

    @Test
    void badDatetimeDefaultIsReportedWhenUsed() {
        QueryDefinition q = TestQueries.inline("T | where t > datetime({start})", "start:datetime=last tuesday");
        QueryException e = assertThrows(QueryException.class, () -> render(q, Map.of(), null));
        assertTrue(e.getMessage().startsWith("the default of parameter 'start' of query 'Inline.q' ("), e.getMessage());
        assertTrue(render(q, Map.of(), DAY).contains("datetime(2024-01-01T00:00:00Z)"), "a time range replaces it");
    }

    @Test
    void splunk() {
        QueryDefinition q = TestQueries.store("splunk.yaml").get("events_for_host");
        String text = q.render(Map.of("host", "web\"01 OR *", "start", "2024-01-01 10:00:00", "end", "2024-01-01T11:00:00"),
                QueryLanguages.SPL, null, TestQueries.CLOCK);
        assertEquals("search index=* host=\"web\\\"01 OR *\" user=* earliest=\"2024-01-01 10:00:00.000000\" "
                + "latest=\"2024-01-01 11:00:00.000000\" | head 100", text);
        String user = q.render(Map.of("host", "h", "user", "bob | delete"), QueryLanguages.SPL, DAY, TestQueries.CLOCK);
        assertTrue(user.contains("user=\"bob | delete\" "), user);
    }

    @Test
    void elasticJson() throws Exception {
        QueryDefinition q = TestQueries.store("elastic.yaml").get("term_query");
        String text = q.render(Map.of("host", "web\"01\\", "users", "alice, bob"), QueryLanguages.JSON, DAY, TestQueries.CLOCK);
        JsonNode json = new ObjectMapper().readTree(text);
        JsonNode filter = json.path("query").path("bool").path("filter");
        assertEquals("web\"01\\", filter.get(0).path("term").path("host.name").asText());
        assertEquals(List.of("alice", "bob"), List.of(filter.get(1).path("terms").path("user.name").get(0).asText(),
                filter.get(1).path("terms").path("user.name").get(1).asText()));
        assertEquals("2024-01-01T00:00:00Z", filter.get(2).path("range").path("@timestamp").path("gte").asText());
        assertEquals(100, json.path("size").asInt());
        assertTrue(json.path("size").isInt());
        assertEquals("[\"@timestamp\",\"message\"]", json.path("_source").toString());
    }

    @Test
    void sql() {
        QueryDefinition q = TestQueries.store("sql.yaml").get("list_events");
        String text = q.render(Map.of("host", "O'Brien", "user", "bob smith", "n", -5), QueryLanguages.SQL, null, TestQueries.CLOCK);
        assertEquals("""
                SELECT * FROM "events" -- the events table
                WHERE host = 'O''Brien' AND user = 'bob smith' AND n > -5
                /* no placeholders in comments */
                LIMIT 10""", text);
    }

    @Test
    void filesLanguageIsLexicallyKql() {
        assertEquals("T | where A == \"a\\\"b\"", TestQueries.inline("T | where A == \"{v}\"", "v:str")
                .render(Map.of("v", "a\"b"), QueryLanguages.FILES, null));
    }
}
