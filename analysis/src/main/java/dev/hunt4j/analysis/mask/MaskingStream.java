package dev.hunt4j.analysis.mask;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.List;

/** The rows of a stream with the mapped string/JSON columns masked, one row at a time. */
final class MaskingStream implements ResultStream {
    /** Sets per column cache (two entries each): enough for the hot values of a column, bounded whatever the input. */
    private static final int CACHE_BITS = 11;
    private static final int CACHE_SIZE = 2 << CACHE_BITS;
    /** Longer values are masked every time instead of being pinned in the cache. */
    private static final int MAX_CACHED_LENGTH = 256;

    private final ResultStream input;
    private final MaskRules rules;
    private final MaskType[] types;
    private final String[][] cacheKeys;
    private final String[][] cacheValues;

    MaskingStream(ResultStream input, MaskRules rules) {
        this.input = input;
        this.rules = rules;
        List<Column> cols = input.columns();
        this.types = new MaskType[cols.size()];
        this.cacheKeys = new String[cols.size()][];
        this.cacheValues = new String[cols.size()][];
        for (int i = 0; i < types.length; i++) {
            Column c = cols.get(i);
            MaskType t = rules.map().typeOf(c.name());
            if (t != null && t != MaskType.KEEP && (c.type() == ColumnType.STRING || c.type() == ColumnType.JSON)) {
                types[i] = t;
                cacheKeys[i] = new String[CACHE_SIZE];
                cacheValues[i] = new String[CACHE_SIZE];
            }
        }
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public Object[] next() {
        Object[] row = input.next();
        if (row == null) {
            return null;
        }
        Object[] out = row.clone(); // the input's row may be shared (e.g. ResultStream.of over a list)
        for (int i = 0; i < types.length && i < out.length; i++) {
            MaskType t = types[i];
            if (t != null && out[i] instanceof String) {
                out[i] = maskCell(i, t, (String) out[i]);
            }
        }
        return out;
    }

    /**
     * A two-way set-associative cache with the most recent entry first: no allocation and no linked-list
     * upkeep (unlike an LRU map), and two ways stop pairs of hot values that share a set from evicting each
     * other on every row, which a direct-mapped cache suffers from.
     */
    private String maskCell(int col, MaskType t, String v) {
        if (v.length() > MAX_CACHED_LENGTH) {
            return rules.mask(t, v);
        }
        // Fibonacci hashing: String.hashCode of "user101", "user102", ... differ only in low bits
        int slot = ((v.hashCode() * 0x9E3779B9) >>> (32 - CACHE_BITS)) << 1;
        String[] keys = cacheKeys[col];
        String[] values = cacheValues[col];
        String k0 = keys[slot];
        if (k0 != null && (k0 == v || k0.equals(v))) {
            return values[slot];
        }
        String k1 = keys[slot + 1];
        if (k1 != null && (k1 == v || k1.equals(v))) {
            String m = values[slot + 1];
            keys[slot + 1] = k0;
            values[slot + 1] = values[slot];
            keys[slot] = k1;
            values[slot] = m;
            return m;
        }
        String m = rules.mask(t, v);
        keys[slot + 1] = k0;
        values[slot + 1] = values[slot];
        keys[slot] = v;
        values[slot] = m;
        return m;
    }

    @Override
    public void close() {
        input.close();
    }
}
