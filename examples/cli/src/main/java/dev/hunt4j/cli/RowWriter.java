package dev.hunt4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Writes a result stream as CSV, JSON lines or a readable text table, row by row. */
final class RowWriter {
    /** Output formats. */
    enum Format { table, csv, jsonl }

    private static final int TABLE_SAMPLE_ROWS = 500;
    /** Rows per chunk of CSV text: about 100-200 KB of text for typical logs. */
    private static final int CSV_CHUNK_ROWS = 512;
    private static final int TABLE_MAX_WIDTH = 60;

    private RowWriter() {
    }

    /** Writes every row and closes the stream; returns the number of rows written. */
    static long write(ResultStream rows, Format format, Writer out) throws IOException {
        try (rows) {
            return switch (format) {
                case csv -> csv(rows, (bytes, length) -> out.write(new String(bytes, 0, length, StandardCharsets.UTF_8)));
                case jsonl -> jsonl(rows, out);
                case table -> table(rows, out);
            };
        } finally {
            out.flush();
        }
    }

    /** Writes every row as UTF-8 and closes the stream; returns the number of rows written. */
    static long write(ResultStream rows, Format format, OutputStream out) throws IOException {
        if (format == Format.csv) {
            // CSV is encoded by the workers: the writing thread only copies finished bytes to the file
            try (rows) {
                return csv(rows, (bytes, length) -> out.write(bytes, 0, length));
            } finally {
                out.flush();
            }
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        return write(rows, format, w);
    }

    static String text(Object v) {
        return v == null ? "" : v instanceof Instant t ? t.toString() : v.toString();
    }

    /** Where finished CSV text goes. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] utf8, int length) throws IOException;
    }

    private static long csv(ResultStream rows, Sink out) throws IOException {
        List<Column> cols = rows.columns();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(csvField(cols.get(i).name()));
        }
        byte[] header = sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        out.write(header, header.length);
        // rows are turned into UTF-8 text in ordered parallel chunks; this thread only hands the bytes on
        long n = 0;
        ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>(); // written buffers, to fill again
        try (ResultStream text = ParallelRows.over(rows).parallelism(Runtime.getRuntime().availableProcessors())
                .chunkRows(CSV_CHUNK_ROWS).name("CSV writing")
                .map((chunk, first) -> Collections.singletonList(csvText(chunk, spare.poll())))) {
            for (Object[] t = text.next(); t != null; t = text.next()) {
                byte[] buf = (byte[]) t[0];
                out.write(buf, (Integer) t[1]);
                n += (Integer) t[2];
                spare.offer(buf);
            }
        }
        return n;
    }

    /**
     * The CSV lines of {@code rows} in UTF-8 as {@code {byte[] text, Integer length, Integer rows}}, in
     * {@code spare} if it is large enough. Each field is encoded by the JDK (a plain copy for ASCII text) and
     * scanned in the buffer for the characters that need quotes (rare).
     */
    private static Object[] csvText(List<Object[]> rows, byte[] spare) {
        int size = 0;
        for (Object[] row : rows) {
            size += row.length;
            for (Object v : row) {
                if (v instanceof String str) {
                    size += str.length();
                } else if (v != null) {
                    size += 32;
                }
            }
        }
        byte[] buf = spare != null && spare.length >= size + 16 ? spare : new byte[size + size / 8 + 16];
        int p = 0;
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (i > 0) {
                    if (p + 1 > buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    buf[p++] = ',';
                }
                if (v == null) {
                    continue;
                }
                String s = v instanceof String str ? str : text(v);
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                boolean quote = false;
                for (byte c : b) {
                    // letters, digits, most punctuation and the bytes of non-ASCII characters (negative) are above ','
                    if (c <= ',' && c >= 0 && (c == ',' || c == '"' || c == '\n' || c == '\r')) {
                        quote = true;
                        break;
                    }
                }
                if (quote) {
                    b = csvField(s).getBytes(StandardCharsets.UTF_8);
                }
                if (p + b.length + 1 > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, p + b.length + 1));
                }
                System.arraycopy(b, 0, buf, p, b.length);
                p += b.length;
            }
            if (p + 1 > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[p++] = '\n';
        }
        return new Object[] {buf, p, rows.size()};
    }

    static String csvField(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static long jsonl(ResultStream rows, Writer out) throws IOException {
        List<Column> cols = rows.columns();
        JsonGenerator g = new JsonFactory().createGenerator(new NonClosingWriter(out));
        g.setRootValueSeparator(null);
        long n = 0;
        for (Object[] row = rows.next(); row != null; row = rows.next(), n++) {
            g.writeStartObject();
            for (int i = 0; i < row.length; i++) {
                String name = cols.get(i).name();
                Object v = row[i];
                if (v == null) {
                    g.writeNullField(name);
                } else if (v instanceof Long l) {
                    g.writeNumberField(name, l);
                } else if (v instanceof Double d) {
                    g.writeNumberField(name, d);
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(name, b);
                } else if (cols.get(i).type() == dev.hunt4j.api.data.ColumnType.JSON) {
                    g.writeFieldName(name);
                    g.writeRawValue(v.toString());
                } else {
                    g.writeStringField(name, text(v));
                }
            }
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }
        g.close();
        return n;
    }

    /** Column widths come from the first rows; later rows are cut to fit, so the table streams. */
    private static long table(ResultStream rows, Writer out) throws IOException {
        List<Column> cols = rows.columns();
        List<Object[]> sample = new ArrayList<>();
        Object[] next;
        while (sample.size() < TABLE_SAMPLE_ROWS && (next = rows.next()) != null) {
            sample.add(next);
        }
        int[] width = new int[cols.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.min(TABLE_MAX_WIDTH, cols.get(i).name().length());
            for (Object[] r : sample) {
                width[i] = Math.min(TABLE_MAX_WIDTH, Math.max(width[i], oneLine(text(r[i])).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            sb.append(i == 0 ? "" : "  ").append(pad(cols.get(i).name(), width[i]));
        }
        sb.append('\n');
        for (int i = 0; i < width.length; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.write(sb.append('\n').toString());
        long n = 0;
        for (Object[] r : sample) {
            out.write(tableRow(r, width));
            n++;
        }
        if (sample.size() == TABLE_SAMPLE_ROWS) {
            for (Object[] row = rows.next(); row != null; row = rows.next(), n++) {
                out.write(tableRow(row, width));
            }
        }
        out.write("(" + n + (n == 1 ? " row)\n" : " rows)\n"));
        return n;
    }

    private static String tableRow(Object[] row, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            sb.append(i == 0 ? "" : "  ").append(pad(oneLine(text(row[i])), width[i]));
        }
        return sb.append('\n').toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, width - 1) + "…";
        }
        return s + " ".repeat(width - s.length());
    }

    /** Keeps Jackson from closing the caller's writer. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() {
            try {
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
