package dev.hunt4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a result stream as CSV, JSON lines or a readable text table, row by row. */
final class RowWriter {
    /** Output formats. */
    enum Format { table, csv, jsonl }

    private static final int TABLE_SAMPLE_ROWS = 500;
    private static final int TABLE_MAX_WIDTH = 60;

    private RowWriter() {
    }

    /** Writes every row and closes the stream; returns the number of rows written. */
    static long write(ResultStream rows, Format format, Writer out) throws IOException {
        try (rows) {
            return switch (format) {
                case csv -> csv(rows, out);
                case jsonl -> jsonl(rows, out);
                case table -> table(rows, out);
            };
        } finally {
            out.flush();
        }
    }

    static String text(Object v) {
        return v == null ? "" : v instanceof Instant t ? t.toString() : v.toString();
    }

    private static long csv(ResultStream rows, Writer out) throws IOException {
        List<Column> cols = rows.columns();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(csvField(cols.get(i).name()));
        }
        out.write(sb.append('\n').toString());
        long n = 0;
        for (Object[] row = rows.next(); row != null; row = rows.next(), n++) {
            sb.setLength(0);
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : ",").append(csvField(text(row[i])));
            }
            out.write(sb.append('\n').toString());
        }
        return n;
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
