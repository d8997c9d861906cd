package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryLanguages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The four query text forms and their mistakes. */
class ElasticQueryTest {

    @Test
    void jsonFormCarriesIndexQueryFieldsSortSizeAndTimeField() {
        ElasticQuery q = ElasticQuery.parse("{\"index\": [\"logs-*\", \"winlogbeat-*\"], \"query\": {\"term\": {\"host.name\": \"a\"}},"
                + " \"fields\": [\"@timestamp\", \"host.name\"], \"sort\": {\"@timestamp\": \"desc\"}, \"size\": 10,"
                + " \"time_field\": \"event.created\"}");
        assertEquals(ElasticQuery.Kind.SEARCH, q.kind());
        assertEquals("logs-*,winlogbeat-*", q.index());
        assertEquals(Map.of("term", Map.of("host.name", "a")), q.dsl());
        assertEquals(List.of("@timestamp", "host.name"), q.fields());
        assertEquals(List.of(Map.of("@timestamp", "desc")), q.sort());
        assertEquals(10, q.size());
        assertEquals("event.created", q.timeField());
        assertTrue(ElasticQuery.parse("{\"time_field\": null}").noTimeField());
        assertNull(ElasticQuery.parse("{}").index(), "the default index");
    }

    @Test
    void jsonFormMistakesAreNamed() {
        assertMessage("{\"indx\": \"a\"}", "unknown key 'indx'");
        assertMessage("{\"index\": \"a\", \"query\": {\"term\": }", "not valid JSON");
        assertMessage("{\"index\": \"a b\"}", "'a b' is not an index name");
        assertMessage("{\"index\": \"../_cluster\"}", "not an index name");
        assertMessage("{\"index\": \"_nodes\"}", "not an index name");
        assertMessage("{\"size\": -1}", "\"size\" must be a whole number");
        assertMessage("{\"query\": \"host:a\"}", "\"query\" must be a query DSL object");
        assertMessage("{\"esql\": \"FROM a\", \"index\": \"a\"}", "\"index\" does not apply to an ES|QL query");
        assertMessage("{\"params\": [1]}", "\"params\" is for");
        assertMessage("[1, 2]", "cannot tell what kind of query");
        assertMessage("", "empty query text");
        assertMessage("lucene: a | b | c", "found 3 parts");
        assertMessage("lucene: a | \"unclosed", "not closed");
    }

    private static void assertMessage(String text, String expected) {
        QueryException e = assertThrows(QueryException.class, () -> ElasticQuery.parse(text));
        assertTrue(e.getMessage().contains(expected), text + " -> " + e.getMessage());
    }

    @Test
    void luceneShorthandSplitsOnSinglePipesOutsidePhrases() {
        ElasticQuery q = ElasticQuery.parse("lucene: logs-* | message:\"a | b\" || host.name:x | fields @timestamp, host.name"
                + " | sort @timestamp desc, host.name | limit 20");
        assertEquals("logs-*", q.index());
        assertEquals("message:\"a | b\" || host.name:x", q.queryString());
        assertEquals(List.of("@timestamp", "host.name"), q.fields());
        assertEquals(List.of(Map.of("@timestamp", "desc"), Map.of("host.name", "asc")), q.sort());
        assertEquals(20, q.size());
        ElasticQuery noIndex = ElasticQuery.parse("LUCENE: user.name:bob | head 5");
        assertNull(noIndex.index());
        assertEquals("user.name:bob", noIndex.queryString());
        assertEquals(5, noIndex.size());
        assertNull(ElasticQuery.parse("lucene: logs-* | *").queryString(), "* is every document");
    }

    @Test
    void parameterValuesRenderedAsJsonStayInsideTheirLuceneOrEsqlString() {
        String hostile = "x\" OR * | fields a | \\";
        String text = "lucene: logs-* | host.name:\"" + QueryLanguages.JSON.insideString(hostile, '"', false) + "\"";
        ElasticQuery q = ElasticQuery.parse(text);
        assertEquals("logs-*", q.index());
        assertEquals("host.name:\"x\\\" OR * | fields a | \\\\\"", q.queryString());
        assertTrue(q.fields().isEmpty());
        // outside quotes the JSON language writes a complete string literal: still one phrase
        ElasticQuery bare = ElasticQuery.parse("lucene: logs-* | host.name:" + QueryLanguages.JSON.bare(hostile));
        assertEquals("host.name:\"x\\\" OR * | fields a | \\\\\"", bare.queryString());
    }

    @Test
    void esqlAndSqlByPrefixOrByTheirFirstWord() {
        assertEquals(ElasticQuery.Kind.ESQL, ElasticQuery.parse("esql: FROM logs | LIMIT 1").kind());
        assertEquals("FROM logs | LIMIT 1", ElasticQuery.parse("esql: FROM logs | LIMIT 1").statement());
        assertEquals(ElasticQuery.Kind.ESQL, ElasticQuery.parse("from logs-* | where x == 1").kind());
        assertEquals(ElasticQuery.Kind.SQL, ElasticQuery.parse("sql: SELECT 1").kind());
        assertEquals(ElasticQuery.Kind.SQL, ElasticQuery.parse("select * from \"logs-*\"").kind());
        ElasticQuery withParams = ElasticQuery.parse("{\"sql\": \"SELECT * FROM logs WHERE a = ?\", \"params\": [\"x\"]}");
        assertEquals(List.of("x"), withParams.params());
    }
}
