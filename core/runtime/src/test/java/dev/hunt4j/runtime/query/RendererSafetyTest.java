package dev.hunt4j.runtime.query;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Places where a value could merge with its neighbours, or where no escaping exists. */
class RendererSafetyTest {

    private static String render(QueryLanguage language, String template, Map<String, ?> values, String... params) {
        return TestQueries.inline(template, params).render(values, language, null);
    }

    private static List<String> kinds(String text, Tokens.Dialect dialect) {
        return Tokens.tokenize(text, dialect).stream().map(t -> t.kind() + ":" + t.value()).toList();
    }

    @Test
    void adjacentSqlLiteralsDoNotMergeIntoOne() {
        String text = render(QueryLanguages.SQL, "SELECT {x}{y}", Map.of("x", "a b", "y", "' or 1=1 --"), "x:str", "y:str");
        assertEquals("SELECT 'a b' ''' or 1=1 --'", text);
        assertEquals(List.of("WORD:SELECT", "STRING:a b", "STRING:' or 1=1 --"), kinds(text, Tokens.SQL));
    }

    @Test
    void aValueAfterAClosedSqlLiteralDoesNotReopenIt() {
        String text = render(QueryLanguages.SQL, "SELECT 'a'{x}", Map.of("x", "b c"), "x:str");
        assertEquals("SELECT 'a' 'b c'", text);
        text = render(QueryLanguages.SQL, "SELECT {x}'a'", Map.of("x", "b c"), "x:str");
        assertEquals("SELECT 'b c' 'a'", text);
    }

    @Test
    void templateDoubledQuotesStillWork() {
        String text = render(QueryLanguages.SQL, "WHERE a = 'it''s {x}'", Map.of("x", "'"), "x:str");
        assertEquals("WHERE a = 'it''s '''", text);
        assertEquals(List.of("WORD:WHERE", "WORD:a", "PUNCT:=", "STRING:it's '"), kinds(text, Tokens.SQL));
    }

    @Test
    void valuesDoNotFormSqlComments() {
        assertEquals("SELECT 1 - -5", render(QueryLanguages.SQL, "SELECT 1 -{n}", Map.of("n", -5), "n:int"));
        assertEquals("SELECT 2 / *", render(QueryLanguages.SQL, "SELECT 2 /{x}", Map.of("x", "*"), "x:str"));
        assertEquals("SELECT '--' FROM t", render(QueryLanguages.SQL, "SELECT {x} FROM t", Map.of("x", "--"), "x:str"));
        assertEquals("SELECT a IN ('--', 'b') FROM t",
                render(QueryLanguages.SQL, "SELECT a IN ({x}) FROM t", Map.of("x", "--,b"), "x:list"));
    }

    @Test
    void aKqlAtSignDoesNotTurnAValueIntoAVerbatimString() {
        String text = render(QueryLanguages.KQL, "T | where A == @{x}", Map.of("x", "a\\\" | evil"), "x:str");
        assertEquals("T | where A == @ \"a\\\\\\\" | evil\"", text);
        List<Tokens.Token> tokens = Tokens.tokenize(text, Tokens.KQL);
        assertEquals(Tokens.Kind.STRING, tokens.get(tokens.size() - 1).kind());
        assertEquals("a\\\" | evil", tokens.get(tokens.size() - 1).value());
    }

    @Test
    void aValueAfterAClosedVerbatimLiteralStaysSeparate() {
        String text = render(QueryLanguages.KQL, "T | where A == @\"abc\"{x}", Map.of("x", "\"def"), "x:str");
        assertEquals("T | where A == @\"abc\" \"\\\"def\"", text);
    }

    @Test
    void placeholderAfterABackslashInALiteralIsRefused() {
        QueryException e = assertThrows(QueryException.class,
                () -> render(QueryLanguages.KQL, "T | where P == \"C:\\{x}\"", Map.of("x", "a"), "x:str"));
        assertEquals("parameter 'x' of query 'Inline.q' was refused: its placeholder directly follows a backslash inside a string literal",
                e.getMessage());
    }

    @Test
    void placeholdersWhereNothingCanBeEscapedAreRefused() {
        assertRefused(QueryLanguages.KQL, "T | where A == ```{x}```", "a ``` multi-line string");
        assertRefused(QueryLanguages.SQL, "SELECT 1 /* {x} */", "a /* */ comment");
        assertRefused(QueryLanguages.SQL, "SELECT \"{x}\" FROM t", "a \"quoted identifier\"");
        assertRefused(QueryLanguages.SPL, "search `macro({x})`", "a `macro` call");
        assertRefused(QueryLanguages.SPL, "search ```{x}```", "a ``` comment");
    }

    private static void assertRefused(QueryLanguage language, String template, String where) {
        QueryException e = assertThrows(QueryException.class, () -> render(language, template, Map.of("x", "a"), "x:str"));
        assertEquals("parameter 'x' of query 'Inline.q' was refused: its placeholder sits inside " + where
                + ", where a value cannot be escaped", e.getMessage());
    }

    @Test
    void aValueInALineCommentCannotLeaveIt() {
        String text = render(QueryLanguages.KQL, "T // note {x}\n| take 1", Map.of("x", "a\n| take 999"), "x:str");
        assertEquals(List.of("WORD:T", "COMMENT:null", "PUNCT:|", "WORD:take", "WORD:1"), kinds(text, Tokens.KQL));
    }

    @Test
    void quotesInCommentsDoNotOpenLiterals() {
        String text = render(QueryLanguages.KQL, "// don't\nT | where A == {x}", Map.of("x", "a\" | evil"), "x:str");
        assertTrue(text.endsWith("A == \"a\\\" | evil\""), text);
        text = render(QueryLanguages.SQL, "-- it's\nSELECT {x}", Map.of("x", "a' b"), "x:str");
        assertEquals("-- it's\nSELECT 'a'' b'", text);
    }

    @Test
    void doubleBracesInsideLiteralsAreLiteral() {
        String text = render(QueryLanguages.KQL, "T | where A matches regex \"[0-9]{{2}}{x}\"", Map.of("x", "\""), "x:str");
        assertEquals("T | where A matches regex \"[0-9]{2}\\\"\"", text);
    }

    @Test
    void blankLinesFromEmptyDefaultsAreRemovedButValuesAreUntouched() {
        String text = render(QueryLanguages.SPL, "search a=\"{x}\"\n\n{extra}\n\n   \n| head 1",
                Map.of("x", "  "), "x:str", "extra:str=");
        assertEquals("search a=\"  \"\n| head 1", text);
    }
}
