package dev.hunt4j.analysis.mask;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The rows of a stream with the mapped string/JSON columns masked: one row at a time on the caller's thread,
 * or in ordered parallel chunks ({@link ParallelRows}).
 */
final class MaskingStream implements ResultStream {
    /** Rows per parallel chunk: enough to make the hand-over cost nothing, few enough to keep memory small. */
    private static final int CHUNK_ROWS = 512;

    private final ResultStream input;
    private final RowMasker masker;

    private MaskingStream(ResultStream input, RowMasker masker) {
        this.input = input;
        this.masker = masker;
    }

    /** {@code input} masked by {@code rules} on {@code parallelism} threads (1: row by row, no read-ahead). */
    static ResultStream of(ResultStream input, MaskRules rules, int parallelism) {
        List<Column> cols = input.columns();
        MaskType[] types = new MaskType[cols.size()];
        int n = 0;
        for (int i = 0; i < types.length; i++) {
            Column c = cols.get(i);
            MaskType t = rules.map().typeOf(c.name());
            if (t != null && t != MaskType.KEEP && (c.type() == ColumnType.STRING || c.type() == ColumnType.JSON)) {
                types[i] = t;
                n++;
            }
        }
        int[] masked = new int[n];
        MaskType[] maskedTypes = new MaskType[n];
        for (int i = 0, j = 0; i < types.length; i++) {
            if (types[i] != null) {
                masked[j] = i;
                maskedTypes[j++] = types[i];
                if (MaskRules.mayMaskHostNames(types[i])) {
                    rules.loadPublicSuffixesInBackground();
                }
            }
        }
        if (parallelism <= 1) {
            return new MaskingStream(input, new RowMasker(rules, masked, maskedTypes));
        }
        // a masker (with its caches) per running chunk, reused by later chunks: the caches are not thread-safe
        ConcurrentLinkedDeque<RowMasker> idle = new ConcurrentLinkedDeque<>();
        return ParallelRows.over(input).parallelism(parallelism).chunkRows(CHUNK_ROWS).name("masking")
                .map((rows, first) -> {
                    RowMasker m = idle.pollFirst();
                    if (m == null) {
                        m = new RowMasker(rules, masked, maskedTypes);
                    }
                    try {
                        for (int i = 0; i < rows.size(); i++) {
                            rows.set(i, m.mask(rows.get(i)));
                        }
                    } finally {
                        idle.addFirst(m);
                    }
                    return rows;
                });
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public Object[] next() {
        Object[] row = input.next();
        return row == null ? null : masker.mask(row);
    }

    @Override
    public List<String> warnings() {
        return input.warnings();
    }

    @Override
    public void close() {
        input.close();
    }

    /** Masks rows with a bounded cache per column for repeated values; one thread at a time. */
    static final class RowMasker {
        private final MaskRules rules;
        private final int[] columns;
        private final MaskType[] types;
        private final Cache[] caches;

        RowMasker(MaskRules rules, int[] columns, MaskType[] types) {
            this.rules = rules;
            this.columns = columns;
            this.types = types;
            this.caches = new Cache[columns.length];
            for (int j = 0; j < columns.length; j++) {
                caches[j] = new Cache();
            }
        }

        Object[] mask(Object[] row) {
            Object[] out = row.clone(); // the input's row may be shared (e.g. ResultStream.of over a list)
            for (int j = 0; j < columns.length; j++) {
                int i = columns[j];
                if (i < out.length && out[i] instanceof String s) {
                    String m = caches[j].get(s);
                    if (m == null) {
                        m = rules.mask(types[j], s);
                        caches[j].put(s, m);
                    }
                    out[i] = m;
                }
            }
            return out;
        }
    }

    /**
     * Recent masks of one column: an open-addressing hash table (linear probing, hashes kept) that starts small,
     * doubles up to {@link #MAX_SLOTS} and is then emptied whenever it is half full. So the memory is bounded
     * whatever the input, a column of a few distinct values stays small (and in the CPU cache), and every value
     * of a column of up to {@code MAX_SLOTS / 2} distinct values is masked once; unlike a set-associative
     * cache, values that happen to share a slot never evict each other. The last value is checked first: many
     * columns (tenant, domain, logon process) hold the same value row after row.
     */
    static final class Cache {
        static final int MAX_SLOTS = 1 << 14;
        /** Longer values are masked every time instead of being pinned in the cache. */
        private static final int MAX_LENGTH = 256;
        private String[] keys = new String[64];
        private String[] values = new String[64];
        private int[] hashes = new int[64];
        /** 32 - log2(table size): Fibonacci hashing keeps the top bits. */
        private int shift = 32 - 6;
        private int size;
        private String lastKey = "";
        private String lastValue;

        /** The cached mask of {@code v}, or null. */
        String get(String v) {
            if (v.equals(lastKey)) { // also when v is "": then lastValue is its mask or null
                return lastValue;
            }
            int h = v.hashCode();
            int m = keys.length - 1;
            // Fibonacci hashing: String.hashCode of "user101", "user102", ... differ only in low bits
            for (int i = (h * 0x9E3779B9) >>> shift; ; i = (i + 1) & m) {
                String k = keys[i];
                if (k == null) {
                    return null;
                }
                if (k == v || (hashes[i] == h && k.equals(v))) {
                    lastKey = v;
                    lastValue = values[i];
                    return lastValue;
                }
            }
        }

        void put(String v, String mask) {
            lastKey = v;
            lastValue = mask;
            if (v.length() > MAX_LENGTH) {
                return;
            }
            if (size >= keys.length >> 1) {
                if (keys.length < MAX_SLOTS) {
                    grow();
                } else {
                    Arrays.fill(keys, null);
                    Arrays.fill(values, null);
                    size = 0;
                }
            }
            insert(v, v.hashCode(), mask);
        }

        private void insert(String v, int h, String mask) {
            int m = keys.length - 1;
            int i = (h * 0x9E3779B9) >>> shift;
            while (keys[i] != null) {
                i = (i + 1) & m;
            }
            keys[i] = v;
            values[i] = mask;
            hashes[i] = h;
            size++;
        }

        private void grow() {
            String[] oldKeys = keys;
            String[] oldValues = values;
            int[] oldHashes = hashes;
            int n = oldKeys.length * 2;
            keys = new String[n];
            values = new String[n];
            hashes = new int[n];
            shift--;
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    insert(oldKeys[i], oldHashes[i], oldValues[i]);
                }
            }
        }
    }
}
