package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CSV reader (blocks parsed in parallel) and writer, against the rules the class comments state. */
class TableInputTest {
    private static TableInput csv(String text) {
        return TableInput.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    private static List<Object[]> rows(String text) {
        return csv(text).toList();
    }

    /** Delivers one byte per read, as a slow pipe may. */
    private static InputStream trickle(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void rfc4180AndTheLenientCases() {
        TableInput in = csv("\uFEFFa,b,c\r\n"
                + "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                + "\r\n\n"                          // blank lines are skipped
                + ",\"\",\"two\nlines\"\n"            // empty unquoted is null, empty quoted is ""
                + "only\n"                           // short rows are padded
                + "p,q,\n"                           // a trailing comma is an empty last field
                + "\"a\"b,é€,\"\"\"\"\n"             // text after a closing quote is kept; UTF-8
                + "last,row,no newline");
        assertEquals(List.of(new Column("a", ColumnType.STRING), new Column("b", ColumnType.STRING),
                new Column("c", ColumnType.STRING)), in.columns());
        List<Object[]> r = in.toList();
        assertEquals(6, r.size());
        assertArrayEquals(new Object[] {"1", "x, y", "say \"hi\""}, r.get(0));
        assertArrayEquals(new Object[] {null, "", "two\nlines"}, r.get(1));
        assertArrayEquals(new Object[] {"only", null, null}, r.get(2));
        assertArrayEquals(new Object[] {"p", "q", null}, r.get(3));
        assertArrayEquals(new Object[] {"ab", "é€", "\""}, r.get(4));
        assertArrayEquals(new Object[] {"last", "row", "no newline"}, r.get(5));
        assertArrayEquals(new Object[] {"x", null}, rows("h1,h2\nx,").get(0));
    }

    @Test
    void tooManyFieldsNamesTheLineAfterTheRowsBeforeIt() {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(",\"multi\nline\"\n"); // two lines per record
        }
        sb.append("1,2,3\nnever,read\n");
        TableInput in = csv(sb.toString());
        for (int i = 0; i < 50_000; i++) {
            assertEquals(String.valueOf(i), in.next()[0]);
        }
        QueryException e = assertThrows(QueryException.class, in::next);
        assertEquals("t.csv line 100002: 3 fields but the header has 2", e.getMessage());
        in.close();
        assertNull(in.next());
    }

    @Test
    void unclosedQuotesEmptyFilesAndHeaderOnly() {
        QueryException e = assertThrows(QueryException.class, () -> rows("a\n1\n\"open\n\n"));
        assertEquals("t.csv line 3: a quoted field is never closed", e.getMessage());
        assertThrows(QueryException.class, () -> csv(""));
        assertThrows(QueryException.class, () -> csv("\n\r\n"));
        assertEquals(0, rows("a,b\n").size());
        assertEquals(0, rows("a,b").size());
    }

    @Test
    void quoteFreeInputCountsLinesAsTheParserDoes() throws Exception {
        // no quote anywhere: blocks are cut after their last line feed without parsing; LF, CRLF, lone CR and
        // blank lines must still give the parser's line numbers
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder("id,text\n");
        long line = 2;
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            expected.add(new Object[] {String.valueOf(i), "value " + i});
            sb.append(i).append(",value ").append(i);
            String end = switch (r.nextInt(5)) {
                case 0 -> "\r\n";
                case 1 -> "\r";
                case 2 -> "\n\n"; // a blank line after the record
                default -> "\n";
            };
            sb.append(end);
            line += end.equals("\n\n") ? 2 : 1;
        }
        sb.append("1,2,3\nnever,read\n");
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        for (InputStream source : List.of(new ByteArrayInputStream(data), trickle(data))) {
            TableInput in = TableInput.read(source, "t.csv");
            for (Object[] want : expected) {
                assertArrayEquals(want, in.next());
            }
            QueryException e = assertThrows(QueryException.class, in::next);
            assertEquals("t.csv line " + line + ": 3 fields but the header has 2", e.getMessage());
            in.close();
        }
    }

    @Test
    void blocksSplitAnywhereReadTheSame() throws Exception {
        // many blocks, records of every size (one longer than a block), quotes and CRLF across block edges
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder("id,text,more\r\n");
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            String text = switch (r.nextInt(6)) {
                case 0 -> "plain" + i;
                case 1 -> "with, comma " + i;
                case 2 -> "quote \" and\nnewline " + i;
                case 3 -> i == 777 ? "x".repeat(700_000) : "é" + i;
                case 4 -> "";
                default -> "crlf\r\ninside " + i;
            };
            String more = r.nextBoolean() ? null : "m" + r.nextInt(100);
            expected.add(new Object[] {String.valueOf(i), text, more});
            sb.append(i).append(',').append(RowWriter.csvField(text).isEmpty() ? "\"\"" : RowWriter.csvField(text))
                    .append(',').append(more == null ? "" : more).append(r.nextBoolean() ? "\r\n" : "\n");
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        for (InputStream source : List.of(new ByteArrayInputStream(data), trickle(data))) {
            List<Object[]> got = TableInput.read(source, "big.csv").toList();
            assertEquals(expected.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), "row " + i);
            }
        }
    }

    @Test
    void csvWritingRoundTrips() throws Exception {
        List<Column> cols = List.of(new Column("a,b", ColumnType.STRING), new Column("n", ColumnType.LONG),
                new Column("t", ColumnType.TIMESTAMP));
        List<Object[]> in = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            in.add(new Object[] {i % 3 == 0 ? "q\"uote,\nd" : "v" + i, (long) i,
                i % 5 == 0 ? null : java.time.Instant.ofEpochSecond(1_700_000_000L + i)});
        }
        StringWriter out = new StringWriter();
        assertEquals(5000, RowWriter.write(ResultStream.of(cols, in), RowWriter.Format.csv, out));
        TableInput back = csv(out.toString());
        assertEquals("a,b", back.columns().get(0).name());
        List<Object[]> r = back.toList();
        assertEquals(5000, r.size());
        for (int i = 0; i < r.size(); i++) {
            assertEquals(in.get(i)[0], r.get(i)[0]);
            assertEquals(String.valueOf(i), r.get(i)[1]);
            assertEquals(in.get(i)[2] == null ? null : in.get(i)[2].toString(), r.get(i)[2]);
        }
        assertTrue(out.toString().startsWith("\"a,b\",n,t\n\"q\"\"uote,\nd\",0,\nv1,1,2023-11-14T22:13:21Z\n"),
                out.toString().substring(0, 60));
    }

    @Test
    void csvFieldsOfEveryKindAreWrittenExactly() throws Exception {
        List<Column> cols = List.of(new Column("s", ColumnType.STRING), new Column("n", ColumnType.LONG),
                new Column("x", ColumnType.STRING));
        List<Object[]> in = List.of(
                new Object[] {"plain ascii", 0L, true},
                new Object[] {"", -42L, false},
                new Object[] {"caf\u00e9,\ud83d\ude00", Long.MAX_VALUE, 1.5},
                new Object[] {"cr\rhere", Long.MIN_VALUE, null},
                new Object[] {"tab\tand \"quote\"", 7L, java.time.Instant.ofEpochSecond(0)});
        StringWriter out = new StringWriter();
        RowWriter.write(ResultStream.of(cols, in), RowWriter.Format.csv, out);
        assertEquals("s,n,x\n"
                + "plain ascii,0,true\n"
                + ",-42,false\n"
                + "\"caf\u00e9,\ud83d\ude00\",9223372036854775807,1.5\n"
                + "\"cr\rhere\",-9223372036854775808,\n"
                + "\"tab\tand \"\"quote\"\"\",7,1970-01-01T00:00:00Z\n", out.toString());
    }
}
