package dev.hunt4j.runtime;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The result of a query: read it as a stream (constant memory) or, for results that fit in memory, as a
 * Tablesaw {@link Table}. Either way it can be read once.
 */
public final class QueryResult implements AutoCloseable {
    private final String name;
    private final String queryText;
    private final ResultStream stream;

    QueryResult(String name, String queryText, ResultStream stream) {
        this.name = name;
        this.queryText = queryText;
        this.stream = stream;
    }

    /** The query's name, or {@code "query"} for a text query. */
    public String name() {
        return name;
    }

    /** The query text as sent to the backend, parameters rendered. */
    public String queryText() {
        return queryText;
    }

    public List<Column> columns() {
        return stream.columns();
    }

    /** The rows as a stream; the caller closes it (closing this result does too). */
    public ResultStream stream() {
        return stream;
    }

    /** Reads all rows into a table named after the query, and closes the stream; then check {@link #warnings()}. */
    public Table toTable() {
        return toTable(name, stream);
    }

    /**
     * Reads a result stream into a Tablesaw table, and closes it. Column types: {@code LONG} → {@code LongColumn},
     * {@code DOUBLE} → {@code DoubleColumn}, {@code BOOLEAN} → {@code BooleanColumn}, {@code TIMESTAMP} →
     * {@code InstantColumn}, {@code STRING} and {@code JSON} → {@code StringColumn}; a null value is missing.
     *
     * @throws dev.hunt4j.api.Hunt4jException when a row does not match the columns (naming the column and row)
     */
    public static Table toTable(String name, ResultStream rows) {
        return TableBuilder.build(name, rows);
    }

    /**
     * What this result left out (see {@link ResultStream#warnings()}), e.g. a time chunk that failed and was skipped
     * under {@code on_chunk_error: keep}: one line each, naming the range and the error. Empty for a complete
     * result. Final once the rows were read ({@link #toTable()} or the stream's end); readable after closing.
     */
    public List<String> warnings() {
        return stream.warnings();
    }

    @Override
    public void close() {
        stream.close();
    }
}
