package dev.hunt4j.cli;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file (RFC 4180: a header row, fields optionally in double quotes with {@code ""} for a quote and
 * line breaks allowed inside quotes, CRLF or LF) as a {@link ResultStream} of STRING columns, one row at a time.
 * Empty unquoted fields are null; blank lines and a UTF-8 byte-order mark are skipped. A row with fewer fields than the header is
 * padded with nulls; a row with more is an error naming the line.
 */
final class TableInput implements ResultStream {
    private static final int BUFFER = 1 << 16;

    private final Reader in;
    private final String name;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int len;
    private long line = 1;
    private final List<Column> columns;
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();
    private boolean eof;
    private boolean closed;

    private TableInput(Reader in, String name) {
        this.in = in;
        this.name = name;
        List<String> header = readRecord();
        if (header == null) {
            close();
            throw new QueryException(name + " is empty: a CSV file needs a header row");
        }
        List<Column> cols = new ArrayList<>(header.size());
        for (String h : header) {
            cols.add(new Column(h == null ? "" : h, ColumnType.STRING));
        }
        this.columns = List.copyOf(cols);
    }

    /** Opens {@code path} ({@code -} for standard input) as a CSV table. */
    static TableInput open(String path) throws IOException {
        if (path.equals("-")) {
            return read(System.in, "standard input");
        }
        return read(Files.newInputStream(Path.of(path)), path);
    }

    /** Reads CSV from {@code stream} (UTF-8); {@code name} is used in error messages. */
    static TableInput read(InputStream stream, String name) {
        return new TableInput(new InputStreamReader(stream, StandardCharsets.UTF_8), name);
    }

    /** Reads CSV from {@code reader}; {@code name} is used in error messages. */
    static TableInput read(Reader reader, String name) {
        return new TableInput(reader, name);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        long startLine = line;
        List<String> rec = readRecord();
        if (rec == null) {
            return null;
        }
        if (rec.size() > columns.size()) {
            throw new QueryException(name + " line " + startLine + ": " + rec.size() + " fields but the header has "
                    + columns.size());
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < rec.size(); i++) {
            row[i] = rec.get(i);
        }
        return row;
    }

    /** Refills the buffer; false at the end of the input. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            len = in.read(buf, 0, buf.length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " failed at line " + line, e);
        }
        pos = 0;
        if (len <= 0) {
            eof = true;
            len = 0;
            return false;
        }
        return true;
    }

    private int read() {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    /** Appends unquoted field text up to a comma or line end (bulk, from the buffer); returns and consumes that character, -1 at the end. */
    private int plain() {
        while (true) {
            int start = pos;
            while (pos < len) {
                char x = buf[pos];
                if (x == ',' || x == '\n' || x == '\r') {
                    field.append(buf, start, pos - start);
                    pos++;
                    return x;
                }
                pos++;
            }
            field.append(buf, start, pos - start);
            if (!fill()) {
                return -1;
            }
        }
    }

    /** Appends quoted field text up to the closing quote (consumed); {@code ""} is a quote. */
    private void quoted(long openedAt) {
        while (true) {
            int start = pos;
            while (pos < len && buf[pos] != '"') {
                if (buf[pos] == '\n') {
                    line++;
                }
                pos++;
            }
            field.append(buf, start, pos - start);
            if (pos < len) {
                pos++;
                if (peek() == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                return;
            }
            if (!fill()) {
                throw new QueryException(name + " line " + openedAt + ": a quoted field is never closed");
            }
        }
    }

    private int peek() {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /** The next record's fields, or null at the end of the input. Blank lines are skipped (as pandas does). */
    private List<String> readRecord() {
        int c = read();
        if (line == 1 && c == '\uFEFF') {
            c = read();
        }
        while (c == '\r' || c == '\n') {
            if (c == '\n' || peek() != '\n') {
                line++;
            }
            c = read();
        }
        if (c < 0) {
            return null;
        }
        fields.clear();
        while (true) {
            field.setLength(0);
            boolean quoted = false;
            if (c == '"') {
                quoted = true;
                quoted(line);
                c = read();
                // be lenient about text after a closing quote ("a"b): keep it, as most readers do
                if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    field.append((char) c);
                    c = plain();
                }
            } else if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                field.append((char) c);
                c = plain();
            }
            fields.add(!quoted && field.length() == 0 ? null : field.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                read();
            }
            if (c >= 0) {
                line++;
            }
            return new ArrayList<>(fields);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                in.close();
            } catch (IOException e) {
                // nothing useful to do: the data was already read or abandoned
            }
        }
    }
}
