package dev.hunt4j.api.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryLanguagesTest {
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void plainTokensStayBareAndEverythingElseIsQuoted() {
        assertEquals("SecurityEvent", QueryLanguages.KQL.bare("SecurityEvent"));
        assertEquals("logs-*", QueryLanguages.SPL.bare("logs-*"));
        assertEquals("\"a b\"", QueryLanguages.KQL.bare("a b"));
        assertEquals("\"x\\\" or 1==1 //\"", QueryLanguages.KQL.bare("x\" or 1==1 //"));
        assertEquals("'--'", QueryLanguages.SQL.bare("--"), "a double dash would start an SQL comment");
        assertEquals("'a--b'", QueryLanguages.SQL.bare("a--b"));
        assertEquals("\"| delete\"", QueryLanguages.SPL.bare("| delete"));
    }

    @Test
    void valuesInsideStringsAreEscapedPerLanguage() {
        assertEquals("a\\\"b\\\\c\\nd", QueryLanguages.KQL.insideString("a\"b\\c\nd", '"', false));
        assertEquals("it\\'s", QueryLanguages.KQL.insideString("it's", '\'', false));
        assertEquals("say \"\"hi\"\"", QueryLanguages.KQL.insideString("say \"hi\"", '"', true));
        assertEquals("O''Brien", QueryLanguages.SQL.insideString("O'Brien", '\'', false));
        assertEquals("a\\\"b\\u0001", QueryLanguages.JSON.insideString("a\"b\u0001", '"', false));
        assertThrows(IllegalArgumentException.class, () -> QueryLanguages.KQL.insideString("a\nb", '"', true));
    }

    @Test
    void scalarsAndListsRenderAsLiterals() {
        assertEquals("2026-03-02T08:00:00Z", QueryLanguages.KQL.bare(T));
        assertEquals("\"2026-03-02 08:00:00.000000\"", QueryLanguages.SPL.bare(T));
        assertEquals("\"a\", \"b\\\"\", 3", QueryLanguages.KQL.bare(List.of("a", "b\"", 3L)));
        assertEquals("[\"a\", 2, true]", QueryLanguages.JSON.bare(List.of("a", 2L, true)));
        assertEquals("'b', 'c''d', 3", QueryLanguages.SQL.bare(List.of("b", "c'd", 3L)), "list items are literals, not column names");
        assertEquals("42", QueryLanguages.KQL.bare(42L));
        assertEquals("1.5", QueryLanguages.SQL.bare(1.5));
        assertThrows(IllegalArgumentException.class, () -> QueryLanguages.KQL.bare(List.of()));
        assertThrows(IllegalArgumentException.class, () -> QueryLanguages.KQL.bare(Double.NaN));
    }

    @Test
    void unknownLanguageNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryLanguages.forName("cobol"));
        assertEquals("unknown query language 'cobol', expected one of kql, files, spl, es-dsl, sql", e.getMessage());
    }
}
