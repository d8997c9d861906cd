package dev.hunt4j.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import dev.hunt4j.api.data.ColumnType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    private static Object read(String json, ColumnType type) throws Exception {
        try (JsonParser p = JsonValues.FACTORY.createParser(json)) {
            return JsonValues.read(p, p.nextToken(), type);
        }
    }

    @Test
    void convertsEachType() throws Exception {
        assertEquals("abc", read("\"abc\"", ColumnType.STRING));
        assertEquals("12", read("12", ColumnType.STRING));
        assertEquals("{\"a\":[1,2]}", read("{\"a\": [1, 2]}", ColumnType.STRING));
        assertEquals(42L, read("42", ColumnType.LONG));
        assertEquals(42L, read("\"42\"", ColumnType.LONG));
        assertEquals(42L, read("42.0", ColumnType.LONG));
        assertNull(read("\"\"", ColumnType.LONG));
        assertEquals(1.5, read("1.5", ColumnType.DOUBLE));
        assertEquals(Double.NaN, read("\"NaN\"", ColumnType.DOUBLE));
        assertEquals(Double.NEGATIVE_INFINITY, read("\"-Infinity\"", ColumnType.DOUBLE));
        assertEquals(true, read("true", ColumnType.BOOLEAN));
        assertEquals(false, read("0", ColumnType.BOOLEAN));
        assertEquals(true, read("\"True\"", ColumnType.BOOLEAN));
        assertEquals(Instant.parse("2024-01-01T00:00:00.1234567Z"), read("\"2024-01-01T00:00:00.1234567Z\"", ColumnType.TIMESTAMP));
        assertNull(read("\"\"", ColumnType.TIMESTAMP));
        // Kusto sends dynamic as JSON text in a string: kept as it is; real structures become compact text
        assertEquals("{\"k\":\"v\"}", read("\"{\\\"k\\\":\\\"v\\\"}\"", ColumnType.JSON));
        assertEquals("[1,{\"x\":null}]", read("[1, {\"x\": null}]", ColumnType.JSON));
        for (ColumnType t : ColumnType.values()) {
            assertNull(read("null", t));
        }
    }

    @Test
    void aValueThatDoesNotFitSaysWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("\"n/a\"", ColumnType.LONG));
        assertTrue(e.getMessage().contains("'n/a' is not a whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("99999999999999999999", ColumnType.LONG));
        assertTrue(e.getMessage().contains("64-bit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("{\"a\":1}", ColumnType.DOUBLE));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
    }

    @Test
    void kustoTypeNames() {
        assertEquals(ColumnType.TIMESTAMP, KustoTypes.columnType("datetime"));
        assertEquals(ColumnType.TIMESTAMP, KustoTypes.columnType("DateTime"));
        assertEquals(ColumnType.LONG, KustoTypes.columnType("Int64"));
        assertEquals(ColumnType.LONG, KustoTypes.columnType("int"));
        assertEquals(ColumnType.DOUBLE, KustoTypes.columnType("real"));
        assertEquals(ColumnType.DOUBLE, KustoTypes.columnType("System.Double"));
        assertEquals(ColumnType.BOOLEAN, KustoTypes.columnType("bool"));
        assertEquals(ColumnType.BOOLEAN, KustoTypes.columnType("SByte"));
        assertEquals(ColumnType.JSON, KustoTypes.columnType("dynamic"));
        assertEquals(ColumnType.JSON, KustoTypes.columnType("Object"));
        assertEquals(ColumnType.STRING, KustoTypes.columnType("guid"));
        assertEquals(ColumnType.STRING, KustoTypes.columnType("timespan"));
        assertEquals(ColumnType.STRING, KustoTypes.columnType("somethingNew"));
    }
}
