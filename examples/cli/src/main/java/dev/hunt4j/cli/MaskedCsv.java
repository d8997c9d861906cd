package dev.hunt4j.cli;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.analysis.mask.BoundedTable;
import dev.hunt4j.analysis.mask.ColumnMap;
import dev.hunt4j.analysis.mask.MaskType;
import dev.hunt4j.analysis.mask.Masker;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@code mask} command's CSV-to-CSV path. Its output is the same as reading the file with {@link TableInput},
 * masking the rows with {@link Masker#mask(ResultStream)} and writing them with {@link RowWriter} (a test compares
 * the two), at a lower cost per cell: the fields of unmasked columns are copied as bytes instead of being decoded
 * and encoded again, and masks are cached by the field's bytes, so a repeated value costs a lookup and a copy, no
 * string. Each block of records is parsed, masked and turned into CSV text in one step on a worker; the calling
 * thread only cuts the input into blocks and writes the results in order. One difference: bytes that are not valid
 * UTF-8 in an unmasked column are copied as they are instead of being replaced by U+FFFD.
 */
final class MaskedCsv {
    private MaskedCsv() {
    }

    /**
     * Masks the CSV table {@code path} ({@code -}: standard input) into {@code out}; returns the number of rows.
     * Rows before a malformed record are written before its error is thrown.
     */
    static long copy(String path, Masker masker, ColumnMap map, RowWriter.Sink out) throws IOException {
        TableInput.Blocks blocks = TableInput.Blocks.open(path);
        String[] header = blocks.columnNames();
        int width = header.length;
        MaskType[] types = new MaskType[width];
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < width; i++) {
            MaskType t = map.typeOf(header[i]);
            types[i] = t == MaskType.KEEP ? null : t;
            head.append(i == 0 ? "" : ",").append(RowWriter.csvField(header[i]));
        }
        byte[] text = head.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        out.write(text, text.length);

        String name = blocks.name;
        // a worker (parser, caches, output buffer) per running block, reused by later blocks: none is thread-safe
        ConcurrentLinkedDeque<BlockMasker> idle = new ConcurrentLinkedDeque<>();
        ConcurrentLinkedQueue<byte[]> written = new ConcurrentLinkedQueue<>(); // output buffers to fill again
        long rows = 0;
        try (ResultStream masked = ParallelRows.over(blocks).parallelism(Runtime.getRuntime().availableProcessors())
                .chunkRows(1).name("masking").map((chunk, first) -> {
                    BlockMasker m = idle.pollFirst();
                    if (m == null) {
                        m = new BlockMasker(name, types, masker);
                    }
                    Object[] block = chunk.get(0);
                    try {
                        return List.<Object[]>of(m.mask(block, written.poll()));
                    } finally {
                        idle.addFirst(m);
                        byte[] done = (byte[]) block[0];
                        if (done.length == TableInput.BLOCK) {
                            blocks.spare.offer(done); // nothing refers to the input bytes any more
                        }
                    }
                })) {
            for (Object[] t = masked.next(); t != null; t = masked.next()) {
                byte[] buf = (byte[]) t[0];
                out.write(buf, (Integer) t[1]);
                rows += (Integer) t[2];
                written.offer(buf);
                if (t[3] != null) {
                    throw (QueryException) t[3];
                }
            }
        }
        return rows;
    }

    /** Parses, masks and writes blocks of records; one thread at a time. */
    private static final class BlockMasker {
        private final TableInput.Parser parser;
        private final MaskType[] types;
        private final Masker masker;
        /** Per column: the mask cache of a masked column, else null. */
        private final MaskCache[] caches;
        private byte[] out;
        private int size;

        BlockMasker(String name, MaskType[] types, Masker masker) {
            this.parser = new TableInput.Parser(name, types.length, true);
            this.types = types;
            this.masker = masker;
            this.caches = new MaskCache[types.length];
            for (int i = 0; i < types.length; i++) {
                if (types[i] != null) {
                    caches[i] = new MaskCache(masker, types[i]);
                }
            }
        }

        /**
         * The CSV text of block {@code {byte[] data, Integer from, Integer to, Long line}} masked, as
         * {@code {byte[] text, Integer length, Integer rows, QueryException or null}}, in {@code spare} if it is
         * large enough. A malformed record ends the text, with its error.
         */
        Object[] mask(Object[] block, byte[] spare) {
            byte[] b = (byte[]) block[0];
            int p = (Integer) block[1];
            int end = (Integer) block[2];
            parser.line = (Long) block[3];
            int need = end - p + (end - p) / 4 + 64; // masks are about as long as their values
            out = spare != null && spare.length >= need ? spare : new byte[need];
            size = 0;
            int rows = 0;
            QueryException failure = null;
            try {
                while (p < end) {
                    long startLine = parser.line;
                    p = parser.parse(b, p, end, true, false);
                    failure = parser.tooManyFields(startLine);
                    if (failure != null) {
                        break;
                    }
                    if (parser.count > 0) {
                        row(b);
                        rows++;
                    }
                }
            } catch (QueryException e) {
                failure = e;
            }
            Object[] result = {out, size, rows, failure};
            out = null;
            return result;
        }

        /** Writes the record the parser holds: a missing field is empty, as a null is. */
        private void row(byte[] b) {
            int[] from = parser.from;
            int[] to = parser.to;
            int count = parser.count;
            for (int i = 0; i < types.length; i++) {
                if (i > 0) {
                    room(1);
                    out[size++] = ',';
                }
                if (i >= count) {
                    continue;
                }
                int f = from[i];
                if (f < 0) { // a quoted field, rare: its text is decoded already
                    String v = (String) parser.record[i];
                    text(types[i] == null ? v : masker.mask(types[i], v));
                } else if (to[i] > f) { // an empty unquoted field is null: nothing to mask
                    if (caches[i] != null) {
                        bytes(caches[i].mask(b, f, to[i]));
                    } else {
                        copy(b, f, to[i]);
                    }
                }
            }
            room(1);
            out[size++] = '\n';
        }

        /** Copies an unmasked field; one with a quote in it gets quotes (as its text would). */
        private void copy(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '"') {
                    text(new String(b, from, to - from, StandardCharsets.UTF_8));
                    return;
                }
            }
            room(to - from);
            System.arraycopy(b, from, out, size, to - from);
            size += to - from;
        }

        private void text(String v) {
            if (v != null) {
                bytes(RowWriter.csvField(v).getBytes(StandardCharsets.UTF_8));
            }
        }

        private void bytes(byte[] v) {
            room(v.length);
            System.arraycopy(v, 0, out, size, v.length);
            size += v.length;
        }

        private void room(int n) {
            if (size + n > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + n));
            }
        }
    }

    /**
     * The CSV text of the masks of one column's recent values, by the values' UTF-8 bytes, in a {@link BoundedTable}
     * (the policy of the masking stream's cache of strings). The last value is checked first: many columns hold the
     * same value row after row.
     */
    static final class MaskCache {
        /** Longer values are masked every time instead of being pinned in the cache. */
        private static final int MAX_LENGTH = 256;
        private final Masker masker;
        private final MaskType type;
        private final BoundedTable<byte[], byte[]> table = new BoundedTable<>();
        private byte[] lastKey = {};
        private byte[] lastValue;

        MaskCache(Masker masker, MaskType type) {
            this.masker = masker;
            this.type = type;
        }

        /** The CSV text of the mask of the value {@code b[from, to)} (not empty). */
        byte[] mask(byte[] b, int from, int to) {
            int n = to - from;
            if (lastKey.length == n && Arrays.equals(lastKey, 0, n, b, from, to)) {
                return lastValue;
            }
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            for (int i = table.first(h); table.key(i) != null; i = table.next(i)) {
                byte[] k = table.key(i);
                if (table.hash(i) == h && k.length == n && Arrays.equals(k, 0, n, b, from, to)) {
                    lastKey = k;
                    lastValue = table.value(i);
                    return lastValue;
                }
            }
            String masked = masker.mask(type, new String(b, from, n, StandardCharsets.UTF_8));
            lastKey = Arrays.copyOfRange(b, from, to);
            lastValue = masked == null ? new byte[0] : RowWriter.csvField(masked).getBytes(StandardCharsets.UTF_8);
            if (n <= MAX_LENGTH) {
                table.put(lastKey, h, lastValue);
            }
            return lastValue;
        }
    }
}
