package dev.hunt4j.cli;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads a CSV file (RFC 4180: a header row, fields optionally in double quotes with {@code ""} for a quote and
 * line breaks allowed inside quotes, CRLF or LF) as a {@link ResultStream} of STRING columns, streaming.
 * Empty unquoted fields are null; blank lines and a UTF-8 byte-order mark are skipped. A row with fewer fields
 * than the header is padded with nulls; a row with more is an error naming the line (thrown after the rows
 * before it).
 *
 * <p>The file is cut into blocks of whole records on the calling thread, which only finds where records end
 * (no strings); the blocks are parsed into rows on all cores ({@link ParallelRows}) and the rows come out in
 * file order. Only a few blocks are in memory at a time. The parser works on the UTF-8 bytes: the delimiters
 * are ASCII, which never occur inside a multi-byte character, so a field's bytes are found first and decoded
 * once into its string (a plain copy for ASCII), without a decoded copy of the file or a builder per field.
 */
final class TableInput implements ResultStream {
    /** Bytes read per block: some hundreds of log rows, enough to make handing a block over cost nothing. */
    static final int BLOCK = 1 << 17;
    /** Marks the row a block's parse failed at: {@code {FAILED, exception}}. */
    private static final Object FAILED = new Object();

    private final List<Column> columns;
    private final ResultStream rows;
    private boolean closed;

    private TableInput(Blocks blocks) {
        String name = blocks.name;
        String[] header = blocks.columnNames();
        List<Column> cols = new ArrayList<>(header.length);
        for (String h : header) {
            cols.add(new Column(h, ColumnType.STRING));
        }
        this.columns = List.copyOf(cols);
        int width = columns.size();
        ConcurrentLinkedQueue<byte[]> spare = blocks.spare;
        // a parser per running block, reused by later blocks
        ConcurrentLinkedDeque<Parser> idle = new ConcurrentLinkedDeque<>();
        this.rows = ParallelRows.over(blocks).columns(columns).parallelism(Runtime.getRuntime().availableProcessors())
                .chunkRows(1).name("CSV reading").map((chunk, first) -> {
                    Parser p = idle.pollFirst();
                    if (p == null) {
                        p = new Parser(name, width, false);
                    }
                    try {
                        return p.rows(chunk.get(0));
                    } finally {
                        idle.addFirst(p);
                        byte[] done = (byte[]) chunk.get(0)[0];
                        if (done.length == BLOCK) {
                            spare.offer(done); // the rows hold copies: the buffer can take more input
                        }
                    }
                });
    }

    /** Opens {@code path} ({@code -} for standard input) as a CSV table. */
    static TableInput open(String path) throws IOException {
        return new TableInput(Blocks.open(path));
    }

    /** Reads CSV from {@code stream} (UTF-8); {@code name} is used in error messages. */
    static TableInput read(InputStream stream, String name) {
        return new TableInput(new Blocks(stream, name));
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
        Object[] row = rows.next();
        if (row != null && row.length == 2 && row[0] == FAILED) {
            throw (RuntimeException) row[1];
        }
        return row;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }

    /**
     * Cuts the input into blocks of whole records, {@code {byte[] data, Integer from, Integer to, Long line}},
     * on the reading thread: the records are only delimited here (in the same parser as the rows, so both agree
     * on where a record ends), never turned into strings.
     */
    static final class Blocks implements ResultStream {
        private final InputStream in;
        /** The input's name in error messages. */
        final String name;
        private final Parser skipper;
        /** Buffers whose block has been parsed, for more input (at most the blocks in flight). */
        final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
        private byte[] buf = new byte[0];
        /** Whether a block was cut from {@link #buf} (whose parser may still be reading it). */
        private boolean shared;
        private int start;
        private int len;
        private boolean eof;
        private long line = 1;

        Blocks(InputStream in, String name) {
            this.in = in;
            this.name = name;
            this.skipper = new Parser(name, -1, false);
        }

        /** The blocks of file {@code path}, or of standard input for {@code -}. */
        static Blocks open(String path) throws IOException {
            return path.equals("-") ? new Blocks(System.in, "standard input")
                    : new Blocks(Files.newInputStream(Path.of(path)), path);
        }

        /**
         * The header record's names (an empty field is {@code ""}); when it cannot be read or the input is empty, the
         * input is closed and the error names it.
         */
        String[] columnNames() {
            Object[] header;
            try {
                header = header();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            if (header == null) {
                close();
                throw new QueryException(name + " is empty: a CSV file needs a header row");
            }
            String[] names = new String[header.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = header[i] == null ? "" : (String) header[i];
            }
            return names;
        }

        /** Reads the header record, or null when the input has none. */
        private Object[] header() {
            while (len < 3 && read() >= 0) {
                // a byte-order mark is three bytes; a pipe may deliver fewer at first
            }
            if (len >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                start = 3;
            }
            while (true) {
                skipper.line = line;
                int end = skipper.parse(buf, start, len, eof, false);
                if (end >= 0) {
                    start = end;
                    line = skipper.line;
                    return skipper.count == 0 ? null : Arrays.copyOf(skipper.record, skipper.count);
                }
                readToLineBreak();
            }
        }

        @Override
        public List<Column> columns() {
            return List.of();
        }

        @Override
        public Object[] next() {
            while (true) {
                if (start == len && (eof || read() < 0)) {
                    return null;
                }
                if (eof) { // the rest, whole: its parser reports a record that never ends
                    Object[] block = {buf, start, len, line};
                    start = len;
                    shared = true;
                    return block;
                }
                int from = start;
                long firstLine = line;
                int cut = cutWithoutQuotes(from);
                if (cut > from) {
                    start = cut;
                    shared = true;
                    return new Object[] {buf, from, cut, firstLine};
                }
                int p = from;
                skipper.line = line;
                while (p < len) {
                    int end = skipper.parse(buf, p, len, false, true);
                    if (end < 0) {
                        break;
                    }
                    p = end;
                    line = skipper.line;
                }
                if (p > from) {
                    start = p;
                    shared = true;
                    return new Object[] {buf, from, p, firstLine};
                }
                readToLineBreak();
            }
        }

        /**
         * Where the bytes from {@code from} (a record start) can be cut after their last line break when they hold
         * no quote at all, the usual case: every line break then ends a record, so one plain pass finds the cut
         * and counts the lines ({@link #line} moves on) without parsing the fields; what is left holds no whole
         * record, so each buffer still gives one block. -1 when there is a quote (the records are then found by
         * parsing) or no line break.
         */
        private int cutWithoutQuotes(int from) {
            int cut = -1;
            long lines = 0; // the line breaks up to the cut: every one is a place to cut
            byte[] b = buf;
            for (int i = from, n = len; i < n; i++) {
                byte c = b[i];
                if (c <= '"') { // most bytes are letters, digits or punctuation above '"'
                    if (c == '"') {
                        return -1;
                    }
                    // a line ends at LF, and at a CR not followed by LF (CRLF counts once, at its LF); a CR that
                    // is the last byte read may be half a CRLF, so it is no place to cut yet
                    if (c == '\n' || c == '\r' && i + 1 < n && b[i + 1] != '\n') {
                        lines++;
                        cut = i + 1;
                    }
                }
            }
            line += lines;
            return cut;
        }

        /**
         * Reads until a line break arrives or the input ends: only then can a record have ended, so a long
         * record arriving in small reads is not parsed again after every read.
         */
        private void readToLineBreak() {
            while (true) {
                int at = read();
                if (at < 0) {
                    return;
                }
                for (int i = at; i < len; i++) {
                    if (buf[i] == '\n' || buf[i] == '\r') {
                        return;
                    }
                }
            }
        }

        /**
         * Reads more input after the bytes not handed out yet; returns where the new bytes start, or -1 at the
         * end of the input. A buffer a block was cut from is left to that block's parser: the rest moves to a
         * free buffer first.
         */
        private int read() {
            int rest = len - start;
            if (shared || len == buf.length) {
                byte[] next;
                if (!shared && buf.length > 0 && rest <= buf.length / 2) {
                    next = buf; // room enough once the consumed bytes are dropped
                } else {
                    next = rest * 2 <= BLOCK ? spare.poll() : null;
                    if (next == null) {
                        next = new byte[Math.max(BLOCK, rest * 2)];
                    }
                }
                System.arraycopy(buf, start, next, 0, rest); // next may be buf itself: arraycopy allows that
                buf = next;
                start = 0;
                len = rest;
                shared = false;
            }
            int n;
            try {
                n = in.read(buf, len, buf.length - len);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + name + " failed at line " + line, e);
            }
            if (n < 0) {
                eof = true;
                return -1;
            }
            int at = len;
            len += n;
            return at;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // nothing useful to do: the data was already read or abandoned
            }
        }
    }

    /**
     * Parses records from bytes; one per thread at a time. In range mode unquoted fields are not decoded: field
     * {@code i} is then the bytes {@code [from[i], to[i])}, or, when {@code from[i]} is -1, the quoted field's text
     * in {@code record[i]}.
     */
    static final class Parser {
        private final String name;
        /** The header's width, or -1 while reading the header (the record grows). */
        private final int width;
        Object[] record;
        int count;
        long line;
        /** Range mode's field bounds, else null. */
        final int[] from;
        final int[] to;
        /** Unescapes quoted fields with {@code ""} in them. */
        private byte[] scratch = new byte[256];

        Parser(String name, int width, boolean ranges) {
            this.name = name;
            this.width = width;
            if (width < 0) {
                record = new Object[16];
            }
            from = ranges ? new int[width] : null;
            to = ranges ? new int[width] : null;
            if (ranges) {
                record = new Object[width];
            }
        }

        /** The error for a record of {@code count} fields starting at {@code line}, if it has too many. */
        QueryException tooManyFields(long startLine) {
            return count > width ? new QueryException(name + " line " + startLine + ": " + count
                    + " fields but the header has " + width) : null;
        }

        /** The rows of a block; a record that fails ends them with {@code {FAILED, exception}}. */
        List<Object[]> rows(Object[] block) {
            byte[] b = (byte[]) block[0];
            int p = (Integer) block[1];
            int to = (Integer) block[2];
            line = (Long) block[3];
            List<Object[]> out = new ArrayList<>(1024);
            try {
                while (p < to) {
                    long startLine = line;
                    record = new Object[width];
                    p = parse(b, p, to, true, false);
                    QueryException tooMany = tooManyFields(startLine);
                    if (tooMany != null) {
                        throw tooMany;
                    }
                    if (count > 0) {
                        out.add(record);
                    }
                }
            } catch (QueryException e) {
                out.add(new Object[] {FAILED, e});
            }
            return out;
        }

        /**
         * Parses the record (after any blank lines, which are skipped as pandas does) at {@code b[p]}: returns
         * the position after it and sets {@link #count} (0: only blank lines) and {@link #line}, or returns -1
         * when {@code b[.., n)} ends first and more input may follow ({@code !eof}). {@code skip}: only find the
         * end, make no strings.
         */
        int parse(byte[] b, int p, int n, boolean eof, boolean skip) {
            long ln = line;
            count = 0;
            while (p < n && (b[p] == '\n' || b[p] == '\r')) {
                if (b[p] == '\r' && p + 1 == n && !eof) {
                    return -1; // a CR at the end of the data: is it CRLF?
                }
                if (b[p] == '\n' || p + 1 == n || b[p + 1] != '\n') {
                    ln++;
                }
                p++;
            }
            if (p == n) {
                line = ln;
                return p;
            }
            while (true) {
                int start = p;
                String value = null;
                if (b[p] == '"') {
                    long openedAt = ln;
                    int q = p + 1;
                    int quotes = 0; // doubled quotes inside
                    while (true) {
                        while (q < n && b[q] != '"') {
                            if (b[q] == '\n') {
                                ln++;
                            }
                            q++;
                        }
                        if (q + 1 >= n && !eof) {
                            return -1; // the closing quote (or what follows it) is not read yet
                        }
                        if (q >= n) {
                            throw new QueryException(name + " line " + openedAt + ": a quoted field is never closed");
                        }
                        if (q + 1 < n && b[q + 1] == '"') {
                            quotes++;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    // q is the closing quote; be lenient about text after it ("a"b): keep it, as most readers do
                    int after = q + 1;
                    p = after;
                    while (p < n && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
                        p++;
                    }
                    if (p == n && !eof) {
                        return -1;
                    }
                    if (!skip) {
                        value = quoted(b, start + 1, q, quotes, after, p);
                    }
                    start = -1;
                } else {
                    while (p < n) {
                        byte x = b[p];
                        // nearly every byte is above ',' (letters, digits, '-', '.', '\', UTF-8 is negative)
                        if (x > ',' || (x != ',' && x != '\n' && x != '\r')) {
                            p++;
                        } else {
                            break;
                        }
                    }
                    if (p == n && !eof) {
                        return -1;
                    }
                    if (!skip && p > start && from == null) {
                        value = string(b, start, p - start);
                    }
                }
                if (!skip) {
                    add(value, start, p);
                }
                count++;
                if (p < n && b[p] == ',') {
                    p++;
                    if (p == n) {
                        if (!eof) {
                            return -1;
                        }
                        if (!skip) {
                            add(null, p, p); // "a,b," at the very end: an empty last field
                        }
                        count++;
                        line = ln;
                        return p;
                    }
                    continue;
                }
                // end of line or of input
                if (p < n) {
                    if (b[p] == '\r') {
                        if (p + 1 == n && !eof) {
                            return -1;
                        }
                        if (p + 1 < n && b[p + 1] == '\n') {
                            p++;
                        }
                    }
                    p++;
                    ln++;
                }
                line = ln;
                return p;
            }
        }

        /**
         * Stores field number {@link #count}: its text, or in range mode its bytes {@code [start, end)} (start -1: a
         * quoted field, whose text is {@code value}); beyond the header's width fields are only counted.
         */
        private void add(String value, int start, int end) {
            if (count < record.length) {
                record[count] = value;
                if (from != null) {
                    from[count] = start;
                    to[count] = end;
                }
            } else if (width < 0) {
                record = Arrays.copyOf(record, record.length * 2);
                record[count] = value;
            }
        }

        /** The quoted field {@code b[from, to)} with {@code quotes} doubled quotes, plus the text {@code b[after, end)}. */
        private String quoted(byte[] b, int from, int to, int quotes, int after, int end) {
            if (quotes == 0 && after == end) {
                return string(b, from, to - from);
            }
            int size = to - from - quotes + end - after;
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, scratch.length * 2)];
            }
            int o = 0;
            for (int i = from; i < to; i++) {
                scratch[o++] = b[i];
                if (b[i] == '"') {
                    i++; // the second quote of a pair
                }
            }
            System.arraycopy(b, after, scratch, o, end - after);
            return string(scratch, 0, size);
        }

    }

    private static String string(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.UTF_8);
    }
}
