package dev.hunt4j.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kusto column list both Log Analytics and Graph/Defender send, and one row of every Kusto type read against it. */
class KustoTypesTest {
    static final String EVERY_TYPE = "[{\"name\":\"t\",\"type\":\"datetime\"},{\"name\":\"l\",\"type\":\"long\"},"
            + "{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"r\",\"type\":\"real\"},{\"name\":\"b\",\"type\":\"bool\"},"
            + "{\"name\":\"g\",\"type\":\"guid\"},{\"name\":\"ts\",\"type\":\"timespan\"},{\"name\":\"d\",\"type\":\"dynamic\"},"
            + "{\"name\":\"s\",\"type\":\"string\"}]";

    /** Reads {@code json} as a column list and checks the parser stopped at its end, reading nothing after it. */
    private static List<Column> columns(String json, boolean ignoreCase) throws Exception {
        try (JsonParser p = JsonValues.FACTORY.createParser(json + " 7")) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            List<Column> cols = KustoTypes.readColumns(p, ignoreCase, () -> new IllegalStateException("no name"));
            assertEquals(JsonToken.END_ARRAY, p.currentToken());
            assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken(), "the parser stops at the list's end");
            return cols;
        }
    }

    private static Object[] row(List<Column> cols, String json) throws Exception {
        try (JsonParser p = JsonValues.FACTORY.createParser(json)) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            Object[] row = new Object[cols.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = JsonValues.read(p, p.nextToken(), cols.get(i).type());
            }
            return row;
        }
    }

    @Test
    void everyKustoTypeMapsToItsColumnTypeAndValue() throws Exception {
        List<Column> cols = columns(EVERY_TYPE, false);
        assertEquals(List.of(new Column("t", ColumnType.TIMESTAMP), new Column("l", ColumnType.LONG), new Column("i", ColumnType.LONG),
                new Column("r", ColumnType.DOUBLE), new Column("b", ColumnType.BOOLEAN), new Column("g", ColumnType.STRING),
                new Column("ts", ColumnType.STRING), new Column("d", ColumnType.JSON), new Column("s", ColumnType.STRING)), cols);
        Object[] r = row(cols, "[\"2024-05-01T10:00:00.1234567Z\", 9007199254740993, 42, 0.25, true,"
                + " \"0b6c1f0e-3d57-4c59-9a4e-2f0d7b8e5a11\", \"00:05:00\", \"{\\\"k\\\":[1,2]}\", \"x\"]");
        assertEquals(Instant.parse("2024-05-01T10:00:00.1234567Z"), r[0]);
        assertEquals(9007199254740993L, r[1]);
        assertEquals(42L, r[2]);
        assertEquals(0.25, r[3]);
        assertEquals(true, r[4]);
        assertEquals("0b6c1f0e-3d57-4c59-9a4e-2f0d7b8e5a11", r[5]);
        assertEquals("00:05:00", r[6]);
        assertEquals("{\"k\":[1,2]}", r[7]);
        assertEquals("x", r[8]);
        Object[] nulls = row(cols, "[null, null, null, null, null, null, null, null, null]");
        for (Object v : nulls) {
            assertNull(v);
        }
    }

    @Test
    void aBadCellSaysWhatValueDoesNotFit() throws Exception {
        List<Column> cols = columns(EVERY_TYPE, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row(cols, "[\"yesterday\"]"));
        assertTrue(e.getMessage().contains("yesterday"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> row(cols, "[null, \"n/a\"]"));
        assertTrue(e.getMessage().contains("'n/a' is not a whole number"), e.getMessage());
    }

    @Test
    void keyCaseCountsOnlyWhenAskedAndOtherKeysAreSkipped() throws Exception {
        String graph = "[{\"Name\":\"Timestamp\",\"Type\":\"DateTime\",\"extra\":{\"a\":[1,{\"name\":\"x\"}]}},{\"name\":\"n\"}]";
        assertEquals(List.of(new Column("Timestamp", ColumnType.TIMESTAMP), new Column("n", ColumnType.STRING)), columns(graph, true));
        // Log Analytics spells the keys in lower case: "Name" is just another key there, so the column has no name
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> columns(graph, false));
        assertEquals("no name", e.getMessage());
        assertEquals(List.of(), columns("[]", false));
    }

    @Test
    void aColumnWithoutANameRaisesTheCallersError() throws Exception {
        IllegalStateException mine = new IllegalStateException("a column in the X response has no name");
        try (JsonParser p = JsonValues.FACTORY.createParser("[{\"name\":\"a\"},{\"type\":\"long\"}]")) {
            p.nextToken();
            assertSame(mine, assertThrows(IllegalStateException.class, () -> KustoTypes.readColumns(p, true, () -> mine)));
        }
    }
}
