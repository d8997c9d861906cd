package dev.hunt4j.analysis.proctree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events' rows, kept compactly until the tree is written. As millions of small strings, a million events cost
 * about 350 bytes a row and most of a run's garbage collection (every string is copied on its own when it survives).
 * Here a block of input rows is three arrays: the cells, and the text of the mostly distinct ASCII values (times, ids,
 * command lines) packed into one byte array, turned back into strings when a row is read. Repeated values (shared
 * strings) and other types stay as they are.
 *
 * <p>A row is addressed by a reference: its 0-based input row number, or {@code ~k} for the k-th row added later
 * (a parent the input does not hold). Blocks are packed on any thread and appended in input order; reads may run on
 * several threads once writing is over.
 */
final class RowStore {
    /** Marks a cell whose value is in the block's text. */
    private static final Object PACKED = new Object();

    /** Rows {@code first .. first + rows - 1} of the input. */
    static final class Block {
        private final int rows;
        private final Object[] cells;
        private final byte[] text;
        /** End offset in {@link #text} of each cell's packed value (a cell that is not packed ends where the last did). */
        private final int[] ends;

        private Block(int rows, Object[] cells, byte[] text, int[] ends) {
            this.rows = rows;
            this.cells = cells;
            this.text = text;
            this.ends = ends;
        }
    }

    private final int width;
    private final int blockRows;
    private Block[] blocks = new Block[64];
    private int blockCount;
    private int inputRows;
    private final List<Object[]> added = new ArrayList<>();

    /** A store of rows {@code width} wide, packed in blocks of {@code blockRows} (the last may be shorter). */
    RowStore(int width, int blockRows) {
        this.width = width;
        this.blockRows = blockRows;
    }

    /**
     * Packs {@code rows} (a row shorter than the width reads as nulls past its end; a longer one is cut): string
     * values of the columns marked {@code packable} that are pure ASCII go into the block's text. Uses no shared
     * state, so chunks may be packed in parallel.
     */
    Block pack(List<Object[]> rows, boolean[] packable) {
        int n = rows.size();
        Object[] cells = new Object[n * width];
        int[] ends = new int[n * width];
        int chars = 0;
        for (Object[] row : rows) {
            for (int c = 0; c < width && c < row.length; c++) {
                if (packable[c] && row[c] instanceof String s) {
                    chars += s.length();
                }
            }
        }
        byte[] text = new byte[chars];
        int p = 0;
        int k = 0;
        for (Object[] row : rows) {
            for (int c = 0; c < width; c++, k++) {
                Object v = c < row.length ? row[c] : null;
                if (packable[c] && v instanceof String s && isAscii(s)) {
                    int len = s.length();
                    for (int i = 0; i < len; i++) {
                        text[p + i] = (byte) s.charAt(i);
                    }
                    p += len;
                    cells[k] = PACKED;
                } else {
                    cells[k] = v;
                }
                ends[k] = p;
            }
        }
        return new Block(n, cells, p == text.length ? text : Arrays.copyOf(text, p), ends);
    }

    private static boolean isAscii(String s) {
        for (int i = 0, len = s.length(); i < len; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Appends the next block of input rows; every block but the last holds {@code blockRows} rows. */
    void append(Block b) {
        if (blockCount > 0 && blocks[blockCount - 1].rows != blockRows) {
            throw new IllegalStateException("a short block of " + blocks[blockCount - 1].rows + " rows was not the last");
        }
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, blockCount * 2);
        }
        blocks[blockCount++] = b;
        inputRows += b.rows;
    }

    /** Adds a row that is not in the input; returns its reference. The array is kept, not copied. */
    int add(Object[] row) {
        added.add(row);
        return ~(added.size() - 1);
    }

    /** The value of column {@code col} of row {@code ref}. */
    Object get(int ref, int col) {
        if (ref < 0) {
            Object[] row = added.get(~ref);
            return col < row.length ? row[col] : null;
        }
        Block b = block(ref);
        int k = (ref % blockRows) * width + col;
        Object v = b.cells[k];
        return v == PACKED ? text(b, k) : v;
    }

    /** Replaces the value of column {@code col} of row {@code ref}. */
    void set(int ref, int col, Object value) {
        if (ref < 0) {
            added.get(~ref)[col] = value;
        } else {
            block(ref).cells[(ref % blockRows) * width + col] = value;
        }
    }

    /** Row {@code ref}'s values, {@code width} of them, into {@code dest} from index 0. */
    void read(int ref, Object[] dest) {
        if (ref < 0) {
            Object[] row = added.get(~ref);
            int n = Math.min(row.length, width);
            System.arraycopy(row, 0, dest, 0, n);
            Arrays.fill(dest, n, width, null);
            return;
        }
        Block b = block(ref);
        int k = (ref % blockRows) * width;
        for (int c = 0; c < width; c++, k++) {
            Object v = b.cells[k];
            dest[c] = v == PACKED ? text(b, k) : v;
        }
    }

    /** Row {@code ref} as a new array of {@code width} values. */
    Object[] row(int ref) {
        Object[] out = new Object[width];
        read(ref, out);
        return out;
    }

    int width() {
        return width;
    }

    private Block block(int ref) {
        if (ref >= inputRows) {
            throw new IndexOutOfBoundsException("no input row " + ref + " (the store holds " + inputRows + ")");
        }
        return blocks[ref / blockRows];
    }

    private static String text(Block b, int k) {
        int start = k == 0 ? 0 : b.ends[k - 1];
        return new String(b.text, start, b.ends[k] - start, StandardCharsets.ISO_8859_1);
    }
}
