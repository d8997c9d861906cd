package dev.hunt4j.api.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A query or analysis result read one row at a time, so a provider never has to hold a whole result in
 * memory. The columns are known before the first row. Rows are {@code Object[]} aligned with
 * {@link #columns()}; a value is {@code null} or of its column's {@link ColumnType#javaType()}.
 * Not thread-safe. Always close it (try-with-resources): closing early releases the connection or file.
 */
public interface ResultStream extends AutoCloseable {

    /** The columns, in row order. */
    List<Column> columns();

    /**
     * The next row, or {@code null} when the result is exhausted. Each row is a new array that belongs to the caller
     * from then on (it may keep it, or hand it to another thread); a stream never reuses or changes it.
     *
     * @throws dev.hunt4j.api.Hunt4jException when reading fails part-way (the message says where)
     */
    Object[] next();

    /** Releases what the stream holds; idempotent. */
    @Override
    void close();

    /**
     * What this result left out or could not read as asked, one line each, e.g. a time chunk that failed and was
     * skipped ({@code on_chunk_error: keep}): {@code time chunk 2 of 3 (2024-03-02T00:00:00Z..2024-03-03T00:00:00Z)
     * failed: <the service's message>}. Empty for a complete result. Problems are found while reading, so the list
     * is final once {@link #next()} has returned {@code null}; it stays readable after {@link #close()}.
     * A stream that wraps another forwards its warnings (adding its own, if any).
     */
    default List<String> warnings() {
        return List.of();
    }

    /** Reads every remaining row into {@code sink}, then closes the stream. */
    default void forEachRow(Consumer<Object[]> sink) {
        try (this) {
            for (Object[] row = next(); row != null; row = next()) {
                sink.accept(row);
            }
        }
    }

    /** Reads every remaining row into a list and closes the stream; only for results known to be small. */
    default List<Object[]> toList() {
        List<Object[]> rows = new ArrayList<>();
        forEachRow(rows::add);
        return rows;
    }

    /** A stream over rows already in memory. */
    static ResultStream of(List<Column> columns, Iterable<Object[]> rows) {
        List<Column> cols = List.copyOf(columns);
        Iterator<Object[]> it = rows.iterator();
        return new ResultStream() {
            @Override
            public List<Column> columns() {
                return cols;
            }

            @Override
            public Object[] next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
