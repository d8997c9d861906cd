package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatsTest {
    @TempDir
    Path dir;

    private List<Column> columns(String query) {
        try (ResultStream rs = Fixture.provider(dir).execute(query, QueryOptions.defaults())) {
            return rs.columns();
        }
    }

    private List<ColumnType> types(String file) {
        return columns(file).stream().map(Column::type).toList();
    }

    private List<Object[]> rows(String query) {
        return Fixture.rows(Fixture.provider(dir), query);
    }

    private QueryException fails(String query) {
        QueryProvider p = Fixture.provider(dir);
        return assertThrows(QueryException.class, () -> Fixture.rows(p, query), query);
    }

    @Test
    void csvQuotingNewlinesEmptyFieldsBomAndCrlf() throws Exception {
        String csv = "\uFEFFa,b,c\r\n"
                + "\"x, with comma\",\"two\nlines\",\"say \"\"hi\"\"\"\r\n"
                + ",\"\",plain\"quote\r\n"
                + "\r\n"
                + "last,\"multi\r\nline\r\nfield\",end";
        Files.write(dir.resolve("q.csv"), csv.getBytes(StandardCharsets.UTF_8));
        List<Object[]> rows = rows("q.csv");
        assertEquals(List.of("a", "b", "c"), columns("q.csv").stream().map(Column::name).toList(), "the BOM is not part of the name");
        assertEquals(3, rows.size(), "the blank line is skipped");
        assertArrayEquals(new Object[] {"x, with comma", "two\nlines", "say \"hi\""}, rows.get(0));
        assertArrayEquals(new Object[] {null, null, "plain\"quote"}, rows.get(1), "empty fields are null");
        assertArrayEquals(new Object[] {"last", "multi\r\nline\r\nfield", "end"}, rows.get(2));
    }

    @Test
    void csvShortRowsArePaddedAndLoneCarriageReturnsEndRecords() {
        Fixture.write(dir, "s.csv", "a,b,c\r1,2\r3,4,5,\r");
        List<Object[]> rows = rows("s.csv");
        assertArrayEquals(new Object[] {1L, 2L, null}, rows.get(0));
        assertArrayEquals(new Object[] {3L, 4L, 5L}, rows.get(1), "a trailing empty field is tolerated");
    }

    @Test
    void pandasIndexColumnIsNamedIndexAndOtherBlankHeadersUnnamed() {
        Fixture.write(dir, "p.csv", ",TimeGenerated,,Name,Name\n0,2024-01-01 10:00:00,x,a,b\n1,2024-01-01 11:00:00.5,y,c,d\n");
        assertEquals(List.of("index", "TimeGenerated", "Unnamed_2", "Name", "Name.1"),
                columns("p.csv").stream().map(Column::name).toList());
        List<Object[]> rows = rows("p.csv | where index == 1");
        assertEquals(Instant.parse("2024-01-01T11:00:00.5Z"), rows.get(0)[1]);
    }

    @Test
    void tsvFiles() {
        Fixture.write(dir, "t.tsv", "a\tb\n1\tx y\n");
        assertArrayEquals(new Object[] {1L, "x y"}, rows("t.tsv").get(0));
    }

    @Test
    void typeInference() {
        Fixture.write(dir, "types.csv", String.join("\n",
                "long,double,bool,iso,space,offset,dateonly,zeros,mixed,hex,empty,big",
                "1,1.5,true,2024-01-01T00:00:00Z,2024-01-01 00:00:00,2024-01-01T02:00:00+02:00,2024-01-01,007,1,0x1f,,12345678901234567890",
                "-2,2,FALSE,2024-01-01T00:00:01.123456789Z,2024-01-01 00:00:01.25,2024-01-01T00:00:01-0130,2024-02-29,0,x,0x20,,1",
                "3,-1e3,True,2024-01-01T00:00:02,2024-01-01T00:00:02,2024-01-01T00:00:02.5+00:00,2024-12-31,12,2,0x21,,2") + "\n");
        assertEquals(List.of(ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP,
                ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING,
                ColumnType.STRING, ColumnType.STRING), types("types.csv"));
        Object[] second = rows("types.csv").get(1);
        assertEquals(-2L, second[0]);
        assertEquals(2.0, second[1]);
        assertEquals(false, second[2]);
        assertEquals(Instant.parse("2024-01-01T00:00:01.123456789Z"), second[3]);
        assertEquals(Instant.parse("2024-01-01T00:00:01.25Z"), second[4]);
        assertEquals(Instant.parse("2024-01-01T01:30:01Z"), second[5]);
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), second[6]);
        assertEquals("0", second[7]);
        assertNull(second[10]);
    }

    @Test
    void jsonLinesWithNestedValuesAndLateKeys() {
        Fixture.write(dir, "e.jsonl", """
                {"TimeGenerated":"2024-01-01T00:00:00Z","n":1,"f":1.5,"b":true,"s":"42","obj":{"a":[1,2], "b":"x"},"mixed":1}

                {"n":2,"TimeGenerated":"2024-01-01T00:00:01Z","f":2,"b":false,"s":"abc","obj":[],"mixed":"two","late":"ignored"}
                {"TimeGenerated":null,"n":3,"f":null,"obj":"scalar","mixed":null}
                """);
        assertEquals(List.of(new Column("TimeGenerated", ColumnType.TIMESTAMP), new Column("n", ColumnType.LONG),
                new Column("f", ColumnType.DOUBLE), new Column("b", ColumnType.BOOLEAN), new Column("s", ColumnType.STRING),
                new Column("obj", ColumnType.JSON), new Column("mixed", ColumnType.STRING), new Column("late", ColumnType.STRING)),
                columns("e.jsonl"));
        List<Object[]> rows = rows("e.jsonl");
        assertEquals("{\"a\":[1,2],\"b\":\"x\"}", rows.get(0)[5], "nested JSON is compact text");
        assertEquals("[]", rows.get(1)[5]);
        assertEquals("\"scalar\"", rows.get(2)[5], "a scalar in a JSON column is its JSON text");
        assertEquals(2.0, rows.get(1)[2]);
        assertEquals("1", rows.get(0)[6]);
        assertArrayEquals(new Object[] {null, 3L, null, null, null, "\"scalar\"", null, null}, rows.get(2));
        assertEquals(List.of(2L), Fixture.first(Fixture.provider(dir), "e.jsonl | where obj has \"a\" or s == \"abc\" | project n | where n > 1"));
    }

    @Test
    void keysFirstSeenAfterTheSampleAreIgnored() {
        Fixture.write(dir, "late.jsonl", "{\"a\":1}\n{\"a\":2,\"b\":\"late\"}\n");
        QueryProvider p = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("sample_rows", 1));
        try (ResultStream rs = p.execute("late.jsonl", QueryOptions.defaults())) {
            assertEquals(List.of(new Column("a", ColumnType.LONG)), rs.columns());
            assertEquals(2, rs.toList().size());
        }
    }

    @Test
    void jsonArrayFilesPlainAndGzipAndJsonExtensionSniffing() {
        String array = "\uFEFF [\n {\"AlertName\":\"a\",\"Entities\":[{\"Type\":\"host\"}],\"Severity\":3},\n"
                + " {\"AlertName\":\"b\",\"Entities\":null,\"Severity\":5}\n]\n";
        Fixture.write(dir, "alerts.json", array);
        Fixture.writeGzip(dir, "alerts2.json.gz", array);
        Fixture.write(dir, "lines.json", "{\"x\":1}\n{\"x\":2}\n");
        for (String f : List.of("alerts.json", "alerts2.json.gz")) {
            List<Object[]> rows = rows(f + " | where Severity > 4");
            assertEquals(1, rows.size(), f);
            assertEquals("b", rows.get(0)[0]);
            assertEquals(ColumnType.JSON, columns(f).get(1).type());
            assertEquals("[{\"Type\":\"host\"}]", rows(f).get(0)[1]);
        }
        assertEquals(2, rows("lines.json").size(), "a .json file holding JSON lines is read as JSON lines");
        Fixture.write(dir, "empty.json", "[]");
        assertEquals(List.of(), columns("empty.json"));
        assertEquals(0, rows("empty.json").size());
    }

    @Test
    void gzipCsvAndJsonLines() {
        Fixture.writeGzip(dir, "g.csv.gz", "a,b\n1,x\n2,y\n");
        Fixture.writeGzip(dir, "g.jsonl.gz", "{\"a\":1}\n{\"a\":2}\n");
        assertEquals(List.of(2L), Fixture.first(Fixture.provider(dir), "g.csv.gz | where b == \"y\" | project a"));
        assertEquals(List.of(1L, 2L), Fixture.first(Fixture.provider(dir), "'g.jsonl.gz'"));
    }

    @Test
    void globsReadMatchingFilesInNameOrderAndNeedTheSameColumns() {
        Fixture.write(dir, "logs/day2.csv", "b,a\nx2,2\n");
        Fixture.write(dir, "logs/day1.csv", "a,b\n1,x1\n");
        Fixture.write(dir, "logs/day3.csv", "a,b\n");
        Fixture.write(dir, "logs/notes.txt", "not data");
        List<Object[]> rows = rows("logs/day*.csv");
        assertEquals(2, rows.size());
        assertArrayEquals(new Object[] {1L, "x1"}, rows.get(0));
        assertArrayEquals(new Object[] {2L, "x2"}, rows.get(1), "columns are matched by name");
        assertEquals(2, rows("logs/*").size(), "only data files match a glob");

        Fixture.write(dir, "logs/day4.csv", "a,c\n3,z\n");
        QueryException e = fails("logs/day*.csv");
        assertTrue(e.getMessage().contains(dir.resolve("logs/day1.csv").toString())
                && e.getMessage().contains(dir.resolve("logs/day4.csv").toString())
                && e.getMessage().contains("[b]") && e.getMessage().contains("[c]"), e.getMessage());

        e = fails("logs/nothing*.csv");
        assertTrue(e.getMessage().contains("no data file matches 'logs/nothing*.csv'") && e.getMessage().contains(dir.toString()),
                e.getMessage());
        e = fails("lo*/day1.csv");
        assertTrue(e.getMessage().contains("file name only"), e.getMessage());
    }

    @Test
    void timeRangeUsesTheDetectedOrConfiguredTimeColumn() {
        Fixture.write(dir, "t.csv", """
                Created,Id,TimeGenerated,Other
                2024-01-01T00:00:00Z,1,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z
                2024-01-02T00:00:00Z,2,2024-02-02T00:00:00Z,2024-03-02T00:00:00Z
                2024-01-03T00:00:00Z,3,,2024-03-03T00:00:00Z
                """);
        QueryOptions feb = QueryOptions.defaults().withTimeRange(new TimeRange(Instant.parse("2024-02-02T00:00:00Z"),
                Instant.parse("2024-02-03T00:00:00Z")));
        assertEquals(List.of(1L, 2L, 3L), Fixture.first(Fixture.provider(dir), "t.csv | project Id"));
        assertEquals(List.of(2L), firstWith(Fixture.provider(dir), "t.csv | project Id", feb),
                "TimeGenerated wins over the first timestamp column, and rows without a time are left out");
        QueryProvider byCreated = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("time_column", "Created"));
        QueryOptions jan = QueryOptions.defaults().withTimeRange(new TimeRange(Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-01-03T00:00:00Z")));
        assertEquals(List.of(1L, 2L), firstWith(byCreated, "t.csv | project Id", jan), "the end is exclusive");

        Fixture.write(dir, "nt.csv", "Id,Name\n1,x\n");
        QueryException e = assertThrows(QueryException.class, () -> firstWith(Fixture.provider(dir), "nt.csv", jan));
        assertTrue(e.getMessage().contains("no timestamp column") && e.getMessage().contains("Id (LONG), Name (STRING)")
                && e.getMessage().contains("providers.local.time_column"), e.getMessage());
        QueryProvider wrong = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("time_column", "Name"));
        e = assertThrows(QueryException.class, () -> firstWith(wrong, "nt.csv", jan));
        assertTrue(e.getMessage().contains("'Name'") && e.getMessage().contains("STRING"), e.getMessage());
        QueryProvider missing = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("time_column", "When"));
        e = assertThrows(QueryException.class, () -> firstWith(missing, "nt.csv", jan));
        assertTrue(e.getMessage().contains("'When'") && e.getMessage().contains("not a column"), e.getMessage());
        assertEquals(1, Fixture.rows(missing, "nt.csv").size(), "without a time range the time column does not matter");
    }

    private static List<Object> firstWith(QueryProvider p, String q, QueryOptions o) {
        return Fixture.rows(p, q, o).stream().map(r -> r[0]).toList();
    }

    @Test
    void valuesThatDoNotFitTheInferredTypeFailOrBecomeNull() {
        StringBuilder sb = new StringBuilder("Port,Name\n");
        for (int i = 0; i < 5; i++) {
            sb.append(i).append(",n").append(i).append('\n');
        }
        sb.append("http,late\n7,x\n");
        Fixture.write(dir, "m.csv", sb.toString());
        QueryProvider small = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("sample_rows", 5));
        QueryException e = assertThrows(QueryException.class, () -> Fixture.rows(small, "m.csv"));
        assertTrue(e.getMessage().contains(dir.resolve("m.csv") + " line 7, column 'Port'") && e.getMessage().contains("'http'")
                && e.getMessage().contains("LONG") && e.getMessage().contains("on_type_error"), e.getMessage());
        QueryProvider lenient = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("sample_rows", 5)
                .with("on_type_error", "null"));
        List<Object[]> rows = Fixture.rows(lenient, "m.csv");
        assertArrayEquals(new Object[] {null, "late"}, rows.get(5));
        assertArrayEquals(new Object[] {7L, "x"}, rows.get(6));
        assertEquals(7, Fixture.rows(Fixture.provider(dir), "m.csv").size(), "with the default sample the column is a string");
    }

    @Test
    void malformedFilesNameFileAndLine() {
        int openBefore = DataFile.openFiles();
        Fixture.write(dir, "open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
        QueryException e = fails("open.csv");
        assertTrue(e.getMessage().contains("malformed CSV in " + dir.resolve("open.csv") + " line 3")
                && e.getMessage().contains("never closed"), e.getMessage());

        Fixture.write(dir, "after.csv", "a,b\n1,\"x\"y\n");
        e = fails("after.csv");
        assertTrue(e.getMessage().contains(dir.resolve("after.csv") + " line 2") && e.getMessage().contains("'y'"), e.getMessage());

        Fixture.write(dir, "wide.csv", "a,b\n1,2\n\"multi\nline\",2\n1,2,3\n");
        e = fails("wide.csv");
        assertTrue(e.getMessage().contains(dir.resolve("wide.csv") + " line 5: 3 fields but the header has 2"), e.getMessage());

        Fixture.write(dir, "bad.jsonl", "{\"a\":1}\n{\"a\":2}\n{\"a\":\n");
        e = fails("bad.jsonl");
        assertTrue(e.getMessage().contains("malformed JSON in " + dir.resolve("bad.jsonl") + " line"), e.getMessage());

        Fixture.write(dir, "notobj.jsonl", "{\"a\":1}\n[1,2]\n");
        e = fails("notobj.jsonl");
        assertTrue(e.getMessage().contains(dir.resolve("notobj.jsonl") + " line 2: expected a JSON object, found an array"), e.getMessage());

        Fixture.write(dir, "trunc.json", "[{\"a\":1},");
        e = fails("trunc.json");
        assertTrue(e.getMessage().contains("malformed JSON in " + dir.resolve("trunc.json")), e.getMessage());

        Fixture.write(dir, "gz.csv.gz", "not really gzip");
        assertEquals(0, rows("gz.csv.gz").size(), "a .gz name without gzip content is read as plain text (header only)");
        Path broken = dir.resolve("broken.csv.gz");
        Fixture.writeGzip(dir, "broken.csv.gz", "a,b\n" + "1,2\n".repeat(10_000));
        try {
            byte[] bytes = Files.readAllBytes(broken);
            Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        e = fails("broken.csv.gz");
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
        assertEquals(openBefore, DataFile.openFiles(), "files are closed after errors");
    }

    @Test
    void unknownFilesAndEscapesNameThePathsAndFolders() {
        Path other = dir.resolve("other");
        QueryProvider p = new LocalFilesProviderFactory().connect(Fixture.settings(dir)
                .with("data_paths", List.of(dir.toString(), other.toString())));
        QueryException e = assertThrows(QueryException.class, () -> p.execute("missing.csv | take 1", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("file not found: 'missing.csv'")
                && e.getMessage().contains(dir.resolve("missing.csv").toString())
                && e.getMessage().contains(other.resolve("missing.csv").toString())
                && e.getMessage().contains("searched data folders in order: " + dir + ", " + other + " (does not exist)"), e.getMessage());
        for (String q : List.of("../x.csv", "/etc/passwd.csv", "a/../../x.csv")) {
            e = assertThrows(QueryException.class, () -> p.execute(q, QueryOptions.defaults()));
            assertTrue(e.getMessage().contains("relative to the data folders"), e.getMessage());
        }
        e = assertThrows(QueryException.class, () -> p.execute("notes.txt", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("unsupported file type"), e.getMessage());
    }

    @Test
    void laterFoldersAreSearchedAndTheFirstMatchWins() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Fixture.write(b, "x.csv", "v\nfrom-b\n");
        Fixture.write(b, "y.csv", "v\ny-from-b\n");
        Fixture.write(a, "y.csv", "v\ny-from-a\n");
        QueryProvider p = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("data_paths", List.of(a.toString(), b.toString())));
        assertEquals(List.of("from-b"), Fixture.first(p, "x.csv"));
        assertEquals(List.of("y-from-a"), Fixture.first(p, "y.csv"));
        // relative data paths resolve against the settings' base folder
        QueryProvider rel = new LocalFilesProviderFactory().connect(new dev.hunt4j.api.PluginSettings("l", "providers.l",
                Map.of("data_paths", "b"), dir));
        assertEquals(List.of("from-b"), Fixture.first(rel, "x.csv"));
    }
}
