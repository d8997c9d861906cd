package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.toolkit.JsonValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mappings to columns, and documents flattened into rows. */
class HitReaderTest {
    static final String MAPPING = """
            {"idx-1": {"mappings": {"properties": {
              "@timestamp": {"type": "date"},
              "host": {"properties": {"name": {"type": "keyword", "fields": {"text": {"type": "text"}}},
                                      "ip": {"type": "ip"}}},
              "process": {"properties": {"pid": {"type": "long"}, "args": {"type": "keyword"},
                                         "parent": {"properties": {"pid": {"type": "long"}}}}},
              "threat": {"properties": {"tactic": {"properties": {"name": {"type": "keyword"}}},
                                        "technique": {"properties": {"id": {"type": "keyword"}}}}},
              "winlog": {"properties": {"event_data": {"type": "object", "enabled": false}}},
              "labels": {"type": "flattened"},
              "score": {"type": "float"},
              "seen": {"type": "date", "format": "epoch_second"},
              "custom_time": {"type": "date", "format": "dd/MM/yyyy"},
              "host_alias": {"type": "alias", "path": "host.name"},
              "n": {"type": "integer"}
            }}},
             "idx-2": {"mappings": {"properties": {
              "n": {"type": "double"},
              "ok": {"type": "boolean"}
            }}}}
            """;

    static FieldSchema schema(List<String> fields, Set<String> nonEmpty) {
        return FieldSchema.build(Json.parse(MAPPING), nonEmpty, fields, "@timestamp");
    }

    static Map<String, Object> read(FieldSchema schema, String source, boolean nullOnTypeError) throws Exception {
        HitReader reader = new HitReader(schema, nullOnTypeError);
        Object[] row = new Object[schema.columns().size()];
        try (JsonParser p = JsonValues.FACTORY.createParser(source)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            reader.readSource(p, row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            m.put(schema.columns().get(i).name(), row[i]);
        }
        return m;
    }

    @Test
    void mappingsBecomeTypedDottedColumnsWithTheTimeFieldFirst() {
        FieldSchema s = schema(List.of(), null);
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Column c : s.columns()) {
            types.put(c.name(), c.type());
        }
        assertEquals(List.of("@timestamp", "custom_time", "host.ip", "host.name", "labels", "n", "ok", "process.args",
                "process.parent.pid", "process.pid", "score", "seen", "threat.tactic.name", "threat.technique.id", "winlog.event_data"),
                List.copyOf(types.keySet()), "aliases and multi-fields are not columns");
        assertEquals(ColumnType.TIMESTAMP, types.get("@timestamp"));
        assertEquals(ColumnType.STRING, types.get("custom_time"), "a date format the reader cannot parse stays text");
        assertEquals(ColumnType.DOUBLE, types.get("n"), "integer in one index, double in another");
        assertEquals(ColumnType.JSON, types.get("labels"));
        assertEquals(ColumnType.JSON, types.get("winlog.event_data"));
        assertEquals(ColumnType.BOOLEAN, types.get("ok"));
        assertEquals(ColumnType.TIMESTAMP, types.get("seen"));
        assertNull(s.sourceIncludes(), "the whole _source");

        FieldSchema nonEmpty = schema(List.of(), Set.of("@timestamp", "host.name", "n"));
        assertEquals(List.of("@timestamp", "host.name", "labels", "n", "winlog.event_data"),
                nonEmpty.columns().stream().map(Column::name).toList(), "empty fields are left out; structures are kept");
    }

    @Test
    void documentsAreFlattenedArraysKeptAsJsonAndObjectArraysSpread() throws Exception {
        FieldSchema s = schema(List.of(), null);
        Map<String, Object> row = read(s, """
                {"@timestamp": 1709251200000, "host": {"name": "wks-1", "ip": ["10.0.0.1", "fe80::1"]},
                 "process.pid": 42, "process": {"args": ["cmd.exe", "/c", 1], "parent": {"pid": "7"}},
                 "threat": [{"tactic": {"name": "Execution"}, "technique": [{"id": "T1059"}, {"id": "T1059.001"}]},
                            {"tactic": {"name": "Persistence"}, "technique": {"id": "T1547"}}],
                 "winlog": {"event_data": {"b": 1, "a": [true, null]}}, "labels": {"env": "prod"},
                 "score": [0.5], "seen": 1709251201, "n": 3, "ok": "true", "unmapped": {"x": [1, 2]}, "custom_time": "01/03/2024"}
                """, false);
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), row.get("@timestamp"));
        assertEquals("wks-1", row.get("host.name"));
        assertEquals("[\"10.0.0.1\",\"fe80::1\"]", row.get("host.ip"));
        assertEquals(42L, row.get("process.pid"), "a dotted key");
        assertEquals("[\"cmd.exe\",\"/c\",1]", row.get("process.args"), "the array's JSON as stored");
        assertEquals(7L, row.get("process.parent.pid"));
        assertEquals("[\"Execution\",\"Persistence\"]", row.get("threat.tactic.name"));
        assertEquals("[\"T1059\",\"T1059.001\",\"T1547\"]", row.get("threat.technique.id"));
        assertEquals("{\"b\":1,\"a\":[true,null]}", row.get("winlog.event_data"));
        assertEquals("{\"env\":\"prod\"}", row.get("labels"));
        assertEquals(0.5, row.get("score"), "one element in a number column");
        assertEquals(Instant.parse("2024-03-01T00:00:01Z"), row.get("seen"));
        assertEquals(3.0, row.get("n"));
        assertEquals(Boolean.TRUE, row.get("ok"));
        assertEquals("01/03/2024", row.get("custom_time"));
    }

    @Test
    void valuesThatDoNotFitFailOrBecomeNull() throws Exception {
        FieldSchema s = schema(List.of("process.pid", "score"), null);
        HitReader.TypeError e = assertThrows(HitReader.TypeError.class, () -> read(s, "{\"process\": {\"pid\": \"n/a\"}}", false));
        assertTrue(e.getMessage().contains("'n/a' is not a whole number"), e.getMessage());
        HitReader.TypeError many = assertThrows(HitReader.TypeError.class, () -> read(s, "{\"score\": [1, 2]}", false));
        assertTrue(many.getMessage().contains("2 values [1.0,2.0] where one DOUBLE fits"), many.getMessage());
        Map<String, Object> lenient = read(s, "{\"process\": {\"pid\": \"n/a\"}, \"score\": [1, 2]}", true);
        assertNull(lenient.get("process.pid"));
        assertNull(lenient.get("score"));
    }

    @Test
    void selectedFieldsKeepTheirOrderAndSkipEverythingElse() throws Exception {
        FieldSchema s = schema(List.of("process.pid", "host", "threat.*.name", "_id", "nope"), null);
        assertEquals(List.of("process.pid", "host.ip", "host.name", "threat.tactic.name", "_id", "nope"),
                s.columns().stream().map(Column::name).toList());
        assertEquals(List.of("process.pid", "host", "threat.*.name", "nope"), s.sourceIncludes());
        assertEquals(4, s.idColumn());
        Map<String, Object> row = read(s, "{\"host\": {\"name\": \"a\"}, \"nope\": {\"deep\": 1}, \"process\": {\"pid\": 1}}", false);
        assertEquals("{\"deep\":1}", row.get("nope"), "an unmapped field asked for is read as text");
        assertEquals(1L, row.get("process.pid"));
        assertEquals(List.of(), schema(List.of("_id", "_index"), null).sourceIncludes(), "no _source at all");
    }

    @Test
    void documentsWhoseKeysComeInAnotherOrderThanTheFirstOneAreReadAlike() throws Exception {
        // the reader learns the first document's key order and matches later keys against it on their bytes
        FieldSchema s = schema(List.of("@timestamp", "host.name", "process.pid", "process.parent.pid", "n"), null);
        HitReader reader = new HitReader(s, false);
        String[] docs = {
            "{\"@timestamp\": \"2024-03-01T00:00:00Z\", \"host\": {\"name\": \"a\"}, \"process\": {\"pid\": 1, \"parent\": {\"pid\": 2}}, \"n\": 3}",
            "{\"n\": 4, \"process\": {\"parent\": {\"pid\": 5}, \"pid\": 6}, \"host\": {\"name\": \"b\"}}",
            "{\"@timestamp\": \"2024-03-01T00:00:01Z\", \"host.name\": \"c\", \"extra\": {\"host\": 1}, \"process\": {\"pid\": 7}}",
            "{\"@timestamp\": \"2024-03-01T00:00:02Z\", \"host\": {\"name\": \"d\"}, \"process\": {\"pid\": 8, \"parent\": {\"pid\": 9}}, \"n\": 10}",
            "{}"};
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (String d : docs) {
            Object[] row = new Object[s.columns().size()];
            try (JsonParser p = JsonValues.FACTORY.createParser(d)) {
                assertEquals(JsonToken.START_OBJECT, p.nextToken());
                reader.readSource(p, row);
                assertNull(p.nextToken(), "the whole document is read");
            }
            rows.add(java.util.Arrays.asList(row));
        }
        Instant t = Instant.parse("2024-03-01T00:00:00Z");
        assertEquals(java.util.Arrays.asList(t, "a", 1L, 2L, 3.0), rows.get(0));
        assertEquals(java.util.Arrays.asList(null, "b", 6L, 5L, 4.0), rows.get(1), "keys in reverse order");
        assertEquals(java.util.Arrays.asList(t.plusSeconds(1), "c", 7L, null, null), rows.get(2), "a dotted key, an unknown one, keys missing");
        assertEquals(java.util.Arrays.asList(t.plusSeconds(2), "d", 8L, 9L, 10.0), rows.get(3), "the first order again");
        assertEquals(java.util.Arrays.asList(null, null, null, null, null), rows.get(4));
    }
}
