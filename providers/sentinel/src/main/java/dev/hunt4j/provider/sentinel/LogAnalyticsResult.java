package dev.hunt4j.provider.sentinel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.KustoTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Log Analytics query response, streamed: {@code {"tables":[{"name","columns":[{"name","type"}],"rows":[[...]]}]}}.
 * The constructor reads up to the first row, so the columns are known; each {@link #next()} parses one row from the
 * socket. The first table is the result ({@code PrimaryResult}); further tables are skipped with a WARN. A
 * partial-error object ({@code "error"} in a 200 response, e.g. a result cut at the service's size limit) is raised
 * as an exception after the rows that did arrive, so a cut result never passes for a whole one.
 */
final class LogAnalyticsResult implements ResultStream {
    private static final Logger LOG = LoggerFactory.getLogger(LogAnalyticsResult.class);

    private final JsonBody body;
    private final JsonParser p;
    private final List<Column> columns;
    private final ColumnType[] types;
    private Object partialError;
    private long rows;
    private boolean done;

    LogAnalyticsResult(JsonBody body) {
        this.body = body;
        this.p = body.parser();
        List<Column> cols = body.readHead(this::readHead);
        this.columns = List.copyOf(cols);
        this.types = cols.stream().map(Column::type).toArray(ColumnType[]::new);
    }

    /** Reads to the start of the first table's rows; returns its columns. */
    private List<Column> readHead() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw body.scope().error("the Log Analytics response is not a JSON object");
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("tables".equals(field) && v == JsonToken.START_ARRAY) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    break; // no table at all: handled below
                }
                return readTableHead();
            } else if ("error".equals(field)) {
                partialError = ErrorBodies.parse(JsonValues.structureText(p));
            } else {
                p.skipChildren();
            }
        }
        if (partialError != null) {
            throw body.scope().error("Log Analytics answered with an error and no result: " + LogAnalyticsErrors.describe(partialError));
        }
        throw body.scope().error("the Log Analytics response has no result table (no \"tables\")");
    }

    private List<Column> readTableHead() throws IOException {
        List<Column> cols = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("columns".equals(field) && v == JsonToken.START_ARRAY) {
                cols = KustoTypes.readColumns(p, false,
                        () -> body.scope().error("a column in the Log Analytics response has no name"));
            } else if ("rows".equals(field) && v == JsonToken.START_ARRAY) {
                if (cols == null) {
                    throw body.scope().error("the Log Analytics response lists rows before columns");
                }
                return cols;
            } else {
                p.skipChildren();
            }
        }
        throw body.scope().error("the Log Analytics result table has no \"rows\"");
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        int col = -1;
        try {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                Object[] row = new Object[types.length];
                for (col = 0; col < types.length; col++) {
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.END_ARRAY) {
                        throw body.scope().error("row " + (rows + 1) + " of the Log Analytics result has " + col + " values for "
                                + types.length + " columns");
                    }
                    row[col] = JsonValues.read(p, v, types[col]);
                }
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw body.scope().error("row " + (rows + 1) + " of the Log Analytics result has more values than its "
                            + types.length + " columns");
                }
                rows++;
                return row;
            }
            if (t == JsonToken.END_ARRAY) {
                readTail();
                return null;
            }
            throw body.scope().error("unexpected " + t + " in the rows of the Log Analytics result after " + rows + " rows");
        } catch (IOException e) {
            close();
            throw body.failure(e, "after " + rows + " rows");
        } catch (IllegalArgumentException e) {
            close();
            Column c = columns.get(col);
            throw body.scope().error("row " + (rows + 1) + ", column " + c.name() + " (" + c.type() + ") of the Log Analytics "
                    + "result: " + e.getMessage());
        } catch (Hunt4jException e) {
            close();
            throw e;
        }
    }

    /** After the first table's rows: skips the rest, notices further tables and a partial error. */
    private void readTail() throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            p.nextToken();
            p.skipChildren();
        }
        List<String> skipped = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
            String name = "?";
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                if ("name".equals(field)) {
                    name = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            skipped.add(name);
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            p.nextToken();
            if ("error".equals(field)) {
                partialError = ErrorBodies.parse(JsonValues.structureText(p));
            } else {
                p.skipChildren();
            }
        }
        body.markComplete();
        close();
        if (!skipped.isEmpty()) {
            LOG.warn(body.scope().redact("Log Analytics returned " + (skipped.size() + 1) + " result tables; only the first is "
                    + "returned, these were left out: " + skipped + " (e.g. from fork; run them as separate queries)"));
        }
        if (partialError != null) {
            throw body.scope().error("Log Analytics returned a PARTIAL result (" + rows + " rows arrived before it stopped): "
                    + LogAnalyticsErrors.describe(partialError)
                    + ". Narrow the query or split its time range (split_by); with on_chunk_error: keep the rows that arrived are kept");
        }
    }

    /** Rows read so far. */
    long rows() {
        return rows;
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            body.close();
        }
    }
}
