package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParserTest {
    private static final QueryLanguage FILES = QueryLanguages.FILES;

    static List<String> hostile() {
        return List.of("plain", "", "a\"b", "a'b", "\"\"", "''", "back\\slash", "tail\\", "\\\"", "new\nline", "cr\rlf\r\n",
                "tab\there", "| where 1==1", "\" or 1==1 or \"", "' | take 1 | where x == '", "x\") or (y == \"1",
                "@\"verbatim\"", "{host_name}", "ümlaut € 😀", "C:\\Windows\\System32\\cmd.exe", "%s%n", "a,b)");
    }

    private static Ast.Compare onlyCompare(String query) {
        Ast.Query q = QueryParser.parse(query);
        assertEquals(1, q.stages().size(), "stages of " + query);
        Ast.Where w = assertInstanceOf(Ast.Where.class, q.stages().get(0));
        return assertInstanceOf(Ast.Compare.class, w.expr(), query);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void insideDoubleQuotesRoundTrips(String value) {
        String q = "t.csv | where Name == \"" + FILES.insideString(value, '"', false) + "\"";
        assertEquals(value, onlyCompare(q).literal().value());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void insideSingleQuotesRoundTrips(String value) {
        String q = "t.csv | where Name == '" + FILES.insideString(value, '\'', false) + "'";
        assertEquals(value, onlyCompare(q).literal().value());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void insideVerbatimStringsRoundTrips(String value) {
        if (value.contains("\n") || value.contains("\r")) {
            assertThrows(IllegalArgumentException.class, () -> FILES.insideString(value, '"', true));
            return;
        }
        assertEquals(value, onlyCompare("t.csv | where Name == @\"" + FILES.insideString(value, '"', true) + "\"").literal().value());
        assertEquals(value, onlyCompare("t.csv | where Name == @'" + FILES.insideString(value, '\'', true) + "'").literal().value());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void bareRoundTrips(String value) {
        Ast.Literal lit = onlyCompare("t.csv | where Name == " + FILES.bare(value)).literal();
        assertEquals(value, lit.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "evil.exe", "007", "host-01", "a*", "1.5", "*", "x_y.z-1"})
    void bareSafeTokensKeepTheirText(String value) {
        assertEquals(value, FILES.bare(value), "a safe token is written as is");
        assertEquals(value, onlyCompare("t.csv | where Name == " + FILES.bare(value)).literal().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "--", "a--b", "-x"})
    void dashEdgedTextIsQuotedNotBare(String value) {
        assertEquals('"' + value + '"', FILES.bare(value), "a leading, trailing or double dash is not a plain token");
        assertEquals(value, onlyCompare("t.csv | where Name == " + FILES.bare(value)).literal().value());
    }

    @Test
    void bareListsAndScalarsRoundTrip() {
        List<Object> values = List.of("a\"b", "| where 1==1", 42L, "x");
        Ast.Query q = QueryParser.parse("t.csv | where Name in (" + FILES.bare(values) + ")");
        Ast.In in = assertInstanceOf(Ast.In.class, ((Ast.Where) q.stages().get(0)).expr());
        assertEquals(List.of("a\"b", "| where 1==1", "42", "x"), in.values().stream().map(Ast.Literal::text).toList());
        assertEquals(42L, in.values().get(2).value());

        Instant t = Instant.parse("2024-05-06T07:08:09.123Z");
        Ast.Literal lit = onlyCompare("t.csv | where T > datetime(" + FILES.bare(t) + ")").literal();
        assertEquals(t, lit.value());
        assertEquals(t, onlyCompare("t.csv | where T > " + FILES.bare(t)).literal().value());
        assertEquals(t, onlyCompare("t.csv | where T > datetime(\"" + FILES.insideString(t, '"', false) + "\")").literal().value());
        assertEquals(12.5, onlyCompare("t.csv | where N < " + FILES.bare(12.5)).literal().value());
        assertEquals(true, onlyCompare("t.csv | where B == " + FILES.bare(true)).literal().value());
    }

    @Test
    void everyComparisonOperatorParses() {
        for (Ast.Op op : Ast.Op.values()) {
            String q = "t.csv | where Name " + op.symbol + " \"x\"";
            assertEquals(op, onlyCompare(q).op(), q);
        }
        Ast.Query q = QueryParser.parse("t.csv | where A in (1, 2) | where B !in ('x') | where C in~ (\"X\") | where D !in~ (\"y\", 'z')");
        List<Ast.In> ins = q.stages().stream().map(s -> (Ast.In) ((Ast.Where) s).expr()).toList();
        assertEquals(List.of(false, true, false, true), ins.stream().map(Ast.In::negated).toList());
        assertEquals(List.of(false, false, true, true), ins.stream().map(Ast.In::ignoreCase).toList());
    }

    @Test
    void andBindsTighterThanOrAndParenthesesOverride() {
        Ast.Expr e = ((Ast.Where) QueryParser.parse("t.csv | where a == 1 or b == 2 and c == 3").stages().get(0)).expr();
        Ast.Or or = assertInstanceOf(Ast.Or.class, e);
        assertInstanceOf(Ast.Compare.class, or.left());
        assertInstanceOf(Ast.And.class, or.right());

        e = ((Ast.Where) QueryParser.parse("t.csv | where (a == 1 or b == 2) and not(c == 3)").stages().get(0)).expr();
        Ast.And and = assertInstanceOf(Ast.And.class, e);
        assertInstanceOf(Ast.Or.class, and.left());
        assertInstanceOf(Ast.Not.class, and.right());

        e = ((Ast.Where) QueryParser.parse("t.csv | where a == 1 or b == 2 or c == 3").stages().get(0)).expr();
        assertInstanceOf(Ast.Or.class, assertInstanceOf(Ast.Or.class, e).left(), "or is left-associative");
    }

    @Test
    void operatorsAndSources() {
        Ast.Query q = QueryParser.parse("  'logs/my file.csv'|where isempty(A) and isnotempty(['B c']) and isnull(C) and isnotnull(D)"
                + "|project A, ['B c'], @x|project-away A|take 5|limit 3|count");
        assertEquals("logs/my file.csv", q.source());
        assertEquals(6, q.stages().size());
        Ast.Project pr = (Ast.Project) q.stages().get(1);
        assertEquals(List.of("A", "B c", "@x"), pr.columns().stream().map(Ast.ColRef::name).toList());
        assertEquals(5, ((Ast.Take) q.stages().get(3)).rows());
        assertEquals(3, ((Ast.Take) q.stages().get(4)).rows());
        assertInstanceOf(Ast.Count.class, q.stages().get(5));
        assertEquals("logs/*.jsonl.gz", QueryParser.parse("logs/*.jsonl.gz").source());
        assertEquals("a.csv", QueryParser.parse("a.csv|take 1").source());
        assertEquals(0, QueryParser.parse("a.csv").stages().size());
        // keywords are case-insensitive, multi-line queries are fine
        assertEquals(2, QueryParser.parse("a.csv\n| WHERE x == 1 AND y CONTAINS 'a'\n| TAKE 2").stages().size());
        assertInstanceOf(Ast.Const.class, ((Ast.Where) QueryParser.parse("a.csv | where true").stages().get(0)).expr());
    }

    @Test
    void literals() {
        assertEquals(Ast.Kind.LONG, onlyCompare("t.csv | where x == -17").literal().kind());
        assertEquals(-17L, onlyCompare("t.csv | where x == -17").literal().value());
        assertEquals(1.5e3, onlyCompare("t.csv | where x == 1.5e3").literal().value());
        assertEquals(Ast.Kind.NULL, onlyCompare("t.csv | where x == null").literal().kind());
        assertEquals(false, onlyCompare("t.csv | where x == false").literal().value());
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), onlyCompare("t.csv | where x > datetime(2024-01-02 03:04:05)").literal().value());
        assertEquals(Instant.parse("2024-01-02T01:04:05Z"), onlyCompare("t.csv | where x > datetime('2024-01-02T03:04:05+02:00')").literal().value());
        Instant before = Instant.now().minusSeconds(7 * 86400);
        Instant ago = (Instant) onlyCompare("t.csv | where x > ago(7d)").literal().value();
        assertTrue(!ago.isBefore(before) && ago.isBefore(Instant.now().minusSeconds(7 * 86400 - 60)));
        assertEquals("say \"hi\"", onlyCompare("t.csv | where x == @\"say \"\"hi\"\"\"").literal().value());
        assertEquals("a\\b", onlyCompare("t.csv | where x == @'a\\b'").literal().value());
        assertEquals("0x3e7", onlyCompare("t.csv | where x == 0x3e7").literal().text());
    }

    private static QueryException fails(String query) {
        return assertThrows(QueryException.class, () -> QueryParser.parse(query), query);
    }

    @Test
    void syntaxErrorsNamePositionAndExpectation() {
        String q = "t.csv | where Name = \"x\"";
        QueryException e = fails(q);
        assertTrue(e.getMessage().contains("column " + (q.indexOf(" = ") + 2)), e.getMessage());
        assertTrue(e.getMessage().contains("use =="), e.getMessage());

        q = "t.csv | where Name contains";
        e = fails(q);
        assertTrue(e.getMessage().contains("column " + (q.length() + 1)) && e.getMessage().contains("expected a value")
                && e.getMessage().contains("the end of the query"), e.getMessage());

        q = "t.csv | where Name likes \"x\"";
        e = fails(q);
        assertTrue(e.getMessage().contains("column " + (q.indexOf("likes") + 1))
                && e.getMessage().contains("expected a comparison operator") && e.getMessage().contains("'likes'"), e.getMessage());

        e = fails("t.csv | sort by Name");
        assertTrue(e.getMessage().contains("column 9") && e.getMessage().contains("unknown operator 'sort'")
                && e.getMessage().contains("where, project"), e.getMessage());

        e = fails("t.csv | where (a == 1");
        assertTrue(e.getMessage().contains("')'"), e.getMessage());

        e = fails("t.csv | where a == 1 b == 2");
        assertTrue(e.getMessage().contains("column 22") && e.getMessage().contains("'and', 'or', '|'"), e.getMessage());

        e = fails("t.csv | where a == \"open");
        assertTrue(e.getMessage().contains("column 20") && e.getMessage().contains("not closed"), e.getMessage());

        e = fails("t.csv | where a == \"bad \\x escape\"");
        assertTrue(e.getMessage().contains("column 25") && e.getMessage().contains("unknown escape \\x"), e.getMessage());

        e = fails("t.csv | take many");
        assertTrue(e.getMessage().contains("column 14") && e.getMessage().contains("whole number"), e.getMessage());

        e = fails("t.csv | where a matches regex \"(unclosed\"");
        assertTrue(e.getMessage().contains("invalid regular expression at column 31"), e.getMessage());

        e = fails("t.csv | where a > datetime(yesterday)");
        assertTrue(e.getMessage().contains("column 28") && e.getMessage().contains("not a date"), e.getMessage());

        e = fails("t.csv\n| where a ==");
        assertTrue(e.getMessage().contains("line 2, column 13"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\n  | where a ==\n" + " ".repeat(2 + 12) + "^"), e.getMessage());

        e = fails("   ");
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = fails("| where a == 1");
        assertTrue(e.getMessage().contains("column 1") && e.getMessage().contains("file name"), e.getMessage());
        e = fails("t.csv | where a == \"x\" | ");
        assertTrue(e.getMessage().contains("expected an operator"), e.getMessage());
        e = fails("t.csv | where a in ()");
        assertTrue(e.getMessage().contains("expected a value"), e.getMessage());
        e = fails("t.csv | where a == 1 and");
        assertTrue(e.getMessage().contains("expected a condition"), e.getMessage());
        e = fails("t.csv | where frob(a)");
        assertTrue(e.getMessage().contains("unknown function 'frob('"), e.getMessage());
    }
}
