package dev.hunt4j.provider.local;

import dev.hunt4j.api.QueryException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;

/**
 * A streaming RFC 4180 record reader: fields separated by a delimiter, records by CRLF, LF or CR, fields
 * optionally in double quotes (a doubled quote inside is one quote; quoted fields may span lines). A quote
 * inside an unquoted field is kept as text. Empty fields are {@code null}, blank lines are skipped, and a
 * leading byte-order mark is dropped. Memory is one 64 KiB buffer plus the longest field.
 */
final class CsvReader implements Closeable {
    private final Reader in;
    private final char delimiter;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder field = new StringBuilder();
    private final ArrayList<String> fields = new ArrayList<>();
    private int pos;
    private int limit;
    private boolean started;
    private long line = 1;
    private long recordLine;

    /**
     * @param file the file's full path, for error messages
     */
    CsvReader(Reader in, char delimiter, String file) {
        this.in = in;
        this.delimiter = delimiter;
        this.file = file;
    }

    /** The line (1-based) on which the record last returned by {@link #next()} starts. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or {@code null} at the end of the file. */
    String[] next() throws IOException {
        if (!started) {
            started = true;
            if (fill() && buf[pos] == '\uFEFF') {
                pos++;
            }
        }
        while (true) {
            if (pos >= limit && !fill()) {
                return null;
            }
            char c = buf[pos];
            if (c == '\n' || c == '\r') {
                consumeLineBreak();
            } else {
                break;
            }
        }
        recordLine = line;
        fields.clear();
        while (!readField()) {
            // each call reads one field; true means the record ended
        }
        return fields.toArray(new String[0]);
    }

    /** Reads one field; returns whether it was the last of its record. */
    private boolean readField() throws IOException {
        if (pos >= limit && !fill()) {
            fields.add(null);
            return true;
        }
        if (buf[pos] == '"') {
            pos++;
            return readQuoted();
        }
        int start = pos;
        boolean spilled = false;
        while (true) {
            if (pos >= limit) {
                if (!spilled) {
                    field.setLength(0);
                    spilled = true;
                }
                field.append(buf, start, pos - start);
                if (!fill()) {
                    addSpilled();
                    return true;
                }
                start = pos;
            }
            char c = buf[pos];
            if (c == delimiter || c == '\n' || c == '\r') {
                if (spilled) {
                    field.append(buf, start, pos - start);
                    addSpilled();
                } else {
                    fields.add(pos == start ? null : new String(buf, start, pos - start));
                }
                if (c == delimiter) {
                    pos++;
                    return false;
                }
                consumeLineBreak();
                return true;
            }
            pos++;
        }
    }

    private boolean readQuoted() throws IOException {
        long startLine = line;
        field.setLength(0);
        while (true) {
            if (pos >= limit && !fill()) {
                throw malformed(startLine, "unterminated quoted field (field " + (fields.size() + 1)
                        + " opens a quote on line " + startLine + " that is never closed)");
            }
            int start = pos;
            while (pos < limit && buf[pos] != '"') {
                if (buf[pos] == '\n') {
                    line++;
                }
                pos++;
            }
            field.append(buf, start, pos - start);
            if (pos >= limit) {
                continue;
            }
            pos++; // the quote
            if (pos >= limit && !fill()) {
                addSpilled();
                return true;
            }
            char c = buf[pos];
            if (c == '"') {
                field.append('"');
                pos++;
            } else if (c == delimiter) {
                addSpilled();
                pos++;
                return false;
            } else if (c == '\n' || c == '\r') {
                addSpilled();
                consumeLineBreak();
                return true;
            } else {
                throw malformed(line, "unexpected character '" + c + "' after the closing quote of field "
                        + (fields.size() + 1) + " (a quote inside a quoted field must be doubled)");
            }
        }
    }

    private void addSpilled() {
        fields.add(field.length() == 0 ? null : field.toString());
    }

    private void consumeLineBreak() throws IOException {
        char c = buf[pos++];
        if (c == '\r') {
            if (pos >= limit) {
                fill();
            }
            if (pos < limit && buf[pos] == '\n') {
                pos++;
            }
        }
        line++;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private QueryException malformed(long atLine, String what) {
        return new QueryException("malformed CSV in " + file + " line " + atLine + ": " + what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
