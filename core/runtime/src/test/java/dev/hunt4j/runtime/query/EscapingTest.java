package dev.hunt4j.runtime.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile parameter values must never change a query's structure. Each probe query is rendered once with
 * benign values and once with each hostile value; an independent tokenizer ({@link Tokens}) must find the
 * same tokens, except that every literal that held a benign value now holds exactly the hostile value.
 */
class EscapingTest {

    static final List<String> HOSTILE = List.of(
            "plain", "a\"b", "a'b", "\"", "'", "\"\"", "''", "\"\"\"",
            "a\\b", "a\\", "\\", "\\\"", "\\'", "\\\\\"",
            "line1\nline2", "cr\rlf\n", "tab\there",
            "| where 1==1", "\" | where 1==1 //", "' | where 1==1 //", "\") or true or (\"",
            "\"; drop table x; --", "'; drop table x; --", "x' or '1'='1", "x\" OR \"1\"=\"1",
            "}", "{", "{{", "}}", "{other}", "$<cond>$", "${x}", "%s",
            "ünïcødé 漢字 🎯", "\u2028sep\u2029",
            "@\"x", "@'x", "```", "~~~", "`macro`",
            "--", "-- c", "/* c */", "*/", "//c", "*", "-", "a--b",
            "", " ", "h\"x\"");

    private static final String BENIGN = "benign value";
    private static final List<String> BENIGN_ITEMS = List.of("bi one", "bi two");
    private static final String OTHER = "OTHER VALUE";

    private static final QueryDefinition KQL = TestQueries.inline("""
            T
            | where A == "{v}"
            | where B == '{v}'
            | where C == "pre {v} post"
            | where D == {v}
            | where E in ({items})
            | where F in ("{items}")
            | where G in ('{items}')
            // note {v}
            | where H == h"{v}" and I == "{other}"
            | project J""", "v:str", "items:list", "other:str");

    private static final QueryDefinition KQL_VERBATIM = TestQueries.inline("""
            T
            | where A == @"{v}"
            | where B == @'{v}'
            | where C == @"pre {v} post"
            | where D in (@"{items}")
            | where E == @"{other}"
            | project F""", "v:str", "items:list", "other:str");

    private static final QueryDefinition SPL = TestQueries.inline(
            "search index={v} host=\"{v}\" | where src IN ({items}) | where dst IN (\"{items}\") "
                    + "| eval note=\"pre {v} post\" | search o=\"{other}\" | head 10", "v:str", "items:list", "other:str");

    private static final QueryDefinition SQL = TestQueries.inline("""
            SELECT a FROM t
            WHERE b = '{v}' AND c = {v} AND d IN ({items}) AND e IN ('{items}') AND f = 'pre {v} post' -- note {v}
            AND g = '{other}' AND h = 1""", "v:str", "items:list", "other:str");

    private static final QueryDefinition JSON = TestQueries.inline("""
            {{"a": "{v}", "b": {v}, "c": {items}, "d": ["{items}"], "e": "pre {v} post", "f": "{other}"}}""",
            "v:str", "items:list", "other:str");

    @Test
    void kql() {
        assertEquals(Set.of(), probe(KQL, QueryLanguages.KQL, Tokens.KQL));
    }

    @Test
    void kqlVerbatimStringsRefuseOnlyLineBreaks() {
        assertEquals(Set.of("line1\nline2", "cr\rlf\n"), probe(KQL_VERBATIM, QueryLanguages.KQL, Tokens.KQL));
    }

    @Test
    void spl() {
        assertEquals(Set.of(), probe(SPL, QueryLanguages.SPL, Tokens.SPL));
    }

    @Test
    void sqlRefusesOnlyLineBreaks() {
        assertEquals(Set.of("line1\nline2", "cr\rlf\n"), probe(SQL, QueryLanguages.SQL, Tokens.SQL));
    }

    @Test
    void jsonParsesAndValuesRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (String h : HOSTILE) {
            List<String> items = List.of(h, h + "2");
            String text = JSON.render(values(h, items), QueryLanguages.JSON, null);
            JsonNode json = mapper.readTree(text);
            assertEquals(Set.of("a", "b", "c", "d", "e", "f"), fieldNames(json), text);
            assertEquals(h, json.get("a").asText(), text);
            assertEquals(h, json.get("b").asText(), text);
            assertTrue(json.get("b").isTextual(), text);
            assertEquals(mapper.valueToTree(items), json.get("c"), text);
            assertEquals(mapper.valueToTree(items), json.get("d"), text);
            assertEquals("pre " + h + " post", json.get("e").asText(), text);
            assertEquals(OTHER, json.get("f").asText(), text);
        }
    }

    @Test
    void valuesAreNeverExpandedAgain() {
        String text = KQL.render(values("{other} $<cond>$", List.of("{other}")), QueryLanguages.KQL, null);
        assertTrue(text.contains("A == \"{other} $<cond>$\""), text);
        assertEquals(1, text.split(OTHER, -1).length - 1, "only the real {other} placeholder is filled: " + text);
    }

    /**
     * Renders the probe with every hostile value and checks each rendering's tokens against the benign ones.
     *
     * @return the hostile values the language refused (a QueryException naming the parameter)
     */
    private static Set<String> probe(QueryDefinition q, QueryLanguage language, Tokens.Dialect dialect) {
        List<Tokens.Token> benign = Tokens.tokenize(q.render(values(BENIGN, BENIGN_ITEMS), language, null), dialect);
        Set<String> refused = new TreeSet<>();
        for (String h : HOSTILE) {
            List<String> items = List.of(h, "x" + h);
            String text;
            try {
                text = q.render(values(h, items), language, null);
            } catch (QueryException e) {
                assertTrue(e.getMessage().contains("parameter 'v'") || e.getMessage().contains("parameter 'items'"), e.getMessage());
                refused.add(h);
                continue;
            }
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put(BENIGN, h);
            expected.put("pre " + BENIGN + " post", "pre " + h + " post");
            expected.put(BENIGN_ITEMS.get(0), items.get(0));
            expected.put(BENIGN_ITEMS.get(1), items.get(1));
            List<Tokens.Token> hostile;
            try {
                hostile = Tokens.tokenize(text, dialect);
            } catch (IllegalArgumentException e) {
                fail("value " + show(h) + " broke the query: " + e.getMessage());
                return refused;
            }
            assertSameShape(benign, hostile, expected, h, text);
        }
        return refused;
    }

    /** Same tokens, except that each literal that held a benign value holds the hostile one (or is one plain token of it). */
    static void assertSameShape(List<Tokens.Token> benign, List<Tokens.Token> hostile, Map<String, String> expected,
                                String h, String text) {
        String context = "value " + show(h) + " rendered as:\n" + text + "\nbenign: " + benign + "\nhostile: " + hostile;
        assertEquals(benign.size(), hostile.size(), "token count differs for " + context);
        for (int i = 0; i < benign.size(); i++) {
            Tokens.Token b = benign.get(i);
            Tokens.Token t = hostile.get(i);
            if (b.kind() == Tokens.Kind.STRING && expected.containsKey(b.value())) {
                String want = expected.get(b.value());
                boolean asLiteral = t.kind() == Tokens.Kind.STRING && t.value().equals(want);
                boolean asPlainToken = t.kind() == Tokens.Kind.WORD && t.text().equals(want)
                        && QueryLanguage.SAFE_TOKEN.matcher(want).matches();
                assertTrue(asLiteral || asPlainToken, "token " + i + " should hold " + show(want) + ": " + context);
            } else if (b.kind() == Tokens.Kind.COMMENT) {
                assertEquals(Tokens.Kind.COMMENT, t.kind(), context);
                assertFalse(t.text().contains("\n"), context);
            } else {
                assertEquals(b, t, "token " + i + " changed: " + context);
            }
        }
    }

    private static Map<String, Object> values(String v, List<String> items) {
        return Map.of("v", v, "items", items, "other", OTHER);
    }

    private static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String show(String s) {
        StringBuilder sb = new StringBuilder("«");
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append("»").toString();
    }

}
