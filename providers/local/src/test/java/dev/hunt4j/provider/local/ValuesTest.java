package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.data.ColumnType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static ColumnType guess(boolean textual, Object... values) {
        Values.Guess g = new Values.Guess();
        for (Object v : values) {
            g.offer(v, textual);
        }
        return g.type();
    }

    @Test
    void inference() {
        assertEquals(ColumnType.LONG, guess(true, "1", "-20", null, "9223372036854775807"));
        assertEquals(ColumnType.STRING, guess(true, "1", "9223372036854775808"));
        assertEquals(ColumnType.STRING, guess(true, "1", "01"));
        assertEquals(ColumnType.DOUBLE, guess(true, "1", "2.5", ".5", "5.", "-1E-3"));
        assertEquals(ColumnType.STRING, guess(true, "1.5", "NaN"));
        assertEquals(ColumnType.STRING, guess(true, "1.5", "0x1p3"));
        assertEquals(ColumnType.BOOLEAN, guess(true, "true", "False"));
        assertEquals(ColumnType.STRING, guess(true, "true", "1"));
        assertEquals(ColumnType.TIMESTAMP, guess(true, "2024-01-01", "2024-01-01 10:00:00"));
        assertEquals(ColumnType.STRING, guess(true, (Object) null));
        assertEquals(ColumnType.STRING, guess(false, "1", "2"), "JSON strings are not numbers");
        assertEquals(ColumnType.TIMESTAMP, guess(false, "2024-01-01T00:00:00Z"));
        assertEquals(ColumnType.LONG, guess(false, 1L, 2L));
        assertEquals(ColumnType.DOUBLE, guess(false, 1L, 2.5));
        assertEquals(ColumnType.STRING, guess(false, 1L, true));
        assertEquals(ColumnType.JSON, guess(false, new Values.RawJson("{}"), "x"));
    }

    @Test
    void conversion() {
        assertEquals(5L, Values.convert("+5", ColumnType.LONG));
        assertEquals(3L, Values.convert(3.0, ColumnType.LONG));
        assertSame(Values.MISMATCH, Values.convert(3.5, ColumnType.LONG));
        assertSame(Values.MISMATCH, Values.convert("x", ColumnType.LONG));
        assertEquals(7.5, Values.convert("007.5", ColumnType.DOUBLE));
        assertEquals(2.0, Values.convert(2L, ColumnType.DOUBLE));
        assertSame(Values.MISMATCH, Values.convert("NaN", ColumnType.DOUBLE));
        assertSame(Values.MISMATCH, Values.convert("1.2.3", ColumnType.DOUBLE));
        assertEquals(true, Values.convert("TRUE", ColumnType.BOOLEAN));
        assertSame(Values.MISMATCH, Values.convert("yes", ColumnType.BOOLEAN));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), Values.convert("2024-01-01", ColumnType.TIMESTAMP));
        assertSame(Values.MISMATCH, Values.convert(1704067200L, ColumnType.TIMESTAMP));
        assertEquals("\"a\\\"b\\n\\u0001\"", Values.convert("a\"b\n\u0001", ColumnType.JSON));
        assertEquals("[1]", Values.convert(new Values.RawJson("[1]"), ColumnType.STRING));
        assertEquals("12", Values.convert(12L, ColumnType.STRING));
        assertEquals(null, Values.convert(null, ColumnType.LONG));
    }

    @Test
    void textHelpers() {
        assertTrue(Predicates.hasTerm("cmd.exe /c whoami", "WHOAMI", false));
        assertFalse(Predicates.hasTerm("cmd.exe /c whoami", "who", false));
        assertTrue(Predicates.hasTerm("a-b-c", "-b-", false));
        assertTrue(Predicates.hasTerm("foo", "", false));
        assertFalse(Predicates.hasTerm("Whoami", "whoami", true));
        assertEquals(4, Predicates.indexOfIgnoreCase("abc ÄBC", "äbc", 0));
        assertEquals(-1, Predicates.indexOfIgnoreCase("ab", "abc", 0));
    }
}
