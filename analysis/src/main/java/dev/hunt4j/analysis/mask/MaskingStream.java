package dev.hunt4j.analysis.mask;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
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
     * Recent masks of one column, in a {@link BoundedTable}. The last value is checked first: many columns (tenant,
     * domain, logon process) hold the same value row after row.
     */
    static final class Cache {
        /** Longer values are masked every time instead of being pinned in the cache. */
        private static final int MAX_LENGTH = 256;
        private final BoundedTable<String, String> table = new BoundedTable<>();
        private String lastKey = "";
        private String lastValue;

        /** The cached mask of {@code v}, or null. */
        String get(String v) {
            if (v.equals(lastKey)) { // also when v is "": then lastValue is its mask or null
                return lastValue;
            }
            int h = v.hashCode();
            for (int i = table.first(h); ; i = table.next(i)) {
                String k = table.key(i);
                if (k == null) {
                    return null;
                }
                if (k == v || (table.hash(i) == h && k.equals(v))) {
                    lastKey = v;
                    lastValue = table.value(i);
                    return lastValue;
                }
            }
        }

        void put(String v, String mask) {
            lastKey = v;
            lastValue = mask;
            if (v.length() <= MAX_LENGTH) {
                table.put(v, v.hashCode(), mask);
            }
        }
    }
}
