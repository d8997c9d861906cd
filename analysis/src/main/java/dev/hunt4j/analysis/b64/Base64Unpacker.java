package dev.hunt4j.analysis.b64;

import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds base64 in text and decodes it recursively — base64 inside base64, gzip, zip, tar, zlib and raw deflate,
 * UTF-16LE text (PowerShell {@code -EncodedCommand}) and UTF-8 text — reporting each decoded item with its hashes.
 * The counterpart of MSTICPy's {@code base64unpack}, with the same column names, safe by default: depth, total
 * decoded bytes, entries per archive, entry size and item count are all limited, and a limit (or malformed input)
 * becomes a row saying so instead of an exception or an {@link OutOfMemoryError}.
 *
 * <p>Immutable and thread-safe; each call has its own budget.
 *
 * <pre>{@code
 * UnpackResult r = Base64Unpacker.defaults().unpack("powershell -enc SQBFAFgAIAAoAC4ALgAuACkA");
 * r.fullyDecodedText(); // powershell -enc <decoded type='string' ... encoding utf-16>IEX (...)</decoded>
 * }</pre>
 */
public final class Base64Unpacker {
    /**
     * The limits of one unpacking run (one text or one table cell).
     *
     * @param maxDepth       decode/unpack levels (1 = only what is directly in the input)
     * @param maxTotalBytes  bytes produced by all decoding and decompression together
     * @param maxEntries     files per archive
     * @param maxEntryBytes  size of one archive entry or decompressed stream
     * @param maxItems       rows (decoded items)
     * @param minLength      shortest base64 run considered, in characters
     */
    public record Limits(int maxDepth, long maxTotalBytes, int maxEntries, long maxEntryBytes, int maxItems, int minLength) {
        public Limits {
            positive("maxDepth", maxDepth);
            positive("maxTotalBytes", maxTotalBytes);
            positive("maxEntries", maxEntries);
            positive("maxEntryBytes", maxEntryBytes);
            positive("maxItems", maxItems);
            if (minLength < 8) {
                throw new IllegalArgumentException("minLength must be at least 8, got " + minLength);
            }
            if (maxEntryBytes > Integer.MAX_VALUE - 16 || maxTotalBytes > (1L << 40)) {
                throw new IllegalArgumentException("maxEntryBytes must fit in an array (under 2 GiB)");
            }
        }

        private static void positive(String name, long v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + v);
            }
        }
    }

    /** Defaults: depth 4, 64 MiB in total, 1,000 entries per archive, 16 MiB per entry, 10,000 items, runs of 20+ characters. */
    public static final Limits DEFAULT_LIMITS = new Limits(4, 64L << 20, 1000, 16L << 20, 10_000, 20);

    /** The item columns: MSTICPy's twelve {@code BinaryRecord} fields, then {@code archive_type, depth, status}. */
    public static final List<Column> ITEM_COLUMNS = List.of(
            new Column("reference", ColumnType.STRING),
            new Column("original_string", ColumnType.STRING),
            new Column("file_name", ColumnType.STRING),
            new Column("file_type", ColumnType.STRING),
            new Column("input_bytes", ColumnType.LONG),
            new Column("decoded_string", ColumnType.STRING),
            new Column("encoding_type", ColumnType.STRING),
            new Column("file_hashes", ColumnType.JSON),
            new Column("md5", ColumnType.STRING),
            new Column("sha1", ColumnType.STRING),
            new Column("sha256", ColumnType.STRING),
            new Column("printable_bytes", ColumnType.STRING),
            new Column("archive_type", ColumnType.STRING),
            new Column("depth", ColumnType.LONG),
            new Column("status", ColumnType.STRING));

    private static final Base64Unpacker DEFAULTS = builder().build();

    private final Limits limits;
    private final IocExtractor iocs;

    private Base64Unpacker(Builder b) {
        this.limits = new Limits(b.maxDepth, b.maxTotalBytes, b.maxEntries, b.maxEntryBytes, b.maxItems, b.minLength);
        this.iocs = b.iocs;
    }

    public static Base64Unpacker defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Limits limits() {
        return limits;
    }

    /** Decodes every base64 run in {@code text} (null counts as empty); never throws for any input. */
    public UnpackResult unpack(String text) {
        return new Unpacking(limits).run(text);
    }

    /**
     * Decodes a table column, streaming: for every input row with something decoded, one output row per item with
     * {@link #ITEM_COLUMNS}, then {@code src_index} (0-based input row), a column named like the input column with
     * its text, and {@code full_decoded_string} — MSTICPy's {@code unpack_df} layout — and, when the builder was
     * given an {@link IocExtractor}, {@code iocs}: the indicators in the item's decoded text as JSON
     * ({@code {"url":["http://..."],...}}). Closing the result closes {@code input}.
     *
     * @throws QueryException naming the column when it is not in the input (the input is then closed)
     */
    public ResultStream unpack(ResultStream input, String column) {
        List<Column> cols = input.columns();
        int idx = -1;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(column)) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            input.close();
            throw new QueryException("column '" + column + "' is not in the input; its columns are "
                    + cols.stream().map(Column::name).collect(Collectors.joining(", ")));
        }
        List<Column> out = new ArrayList<>(ITEM_COLUMNS);
        out.add(new Column("src_index", ColumnType.LONG));
        String textCol = column;
        for (Column c : ITEM_COLUMNS) {
            if (c.name().equals(column) || column.equals("src_index") || column.equals("full_decoded_string")
                    || column.equals("iocs")) {
                textCol = "input_" + column; // never two columns with one name
                break;
            }
        }
        out.add(new Column(textCol, ColumnType.STRING));
        out.add(new Column("full_decoded_string", ColumnType.STRING));
        if (iocs != null) {
            out.add(new Column("iocs", ColumnType.JSON));
        }
        return new UnpackTableStream(this, input, idx, List.copyOf(out), iocs);
    }

    /** Settings for a {@link Base64Unpacker}; defaults are {@link #DEFAULT_LIMITS}. */
    public static final class Builder {
        private int maxDepth = DEFAULT_LIMITS.maxDepth();
        private long maxTotalBytes = DEFAULT_LIMITS.maxTotalBytes();
        private int maxEntries = DEFAULT_LIMITS.maxEntries();
        private long maxEntryBytes = DEFAULT_LIMITS.maxEntryBytes();
        private int maxItems = DEFAULT_LIMITS.maxItems();
        private int minLength = DEFAULT_LIMITS.minLength();
        private IocExtractor iocs;

        private Builder() {
        }

        public Builder maxDepth(int v) {
            this.maxDepth = v;
            return this;
        }

        public Builder maxTotalBytes(long v) {
            this.maxTotalBytes = v;
            return this;
        }

        public Builder maxEntries(int v) {
            this.maxEntries = v;
            return this;
        }

        public Builder maxEntryBytes(long v) {
            this.maxEntryBytes = v;
            return this;
        }

        public Builder maxItems(int v) {
            this.maxItems = v;
            return this;
        }

        public Builder minLength(int v) {
            this.minLength = v;
            return this;
        }

        /** Add an {@code iocs} column to table results: the indicators this extractor finds in each decoded text. */
        public Builder extractIocs(IocExtractor extractor) {
            this.iocs = extractor;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad limit */
        public Base64Unpacker build() {
            return new Base64Unpacker(this);
        }
    }
}
