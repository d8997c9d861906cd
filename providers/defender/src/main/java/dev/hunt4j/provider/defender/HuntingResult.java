package dev.hunt4j.provider.defender;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.KustoTypes;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One advanced-hunting response, streamed: {@code schema} ({@code [{"name","type"}]}) then {@code results}, one JSON
 * object per row keyed by column name. Key case varies between the APIs ({@code Schema}/{@code schema},
 * {@code Name}/{@code name}) and is ignored. The constructor reads up to the first row; each {@link #next()} parses
 * one. Optionally drops rows whose time column falls outside a range (the Defender for Endpoint API has no time
 * range parameter).
 */
final class HuntingResult implements ResultStream {
    private static final Logger LOG = LoggerFactory.getLogger(HuntingResult.class);

    private final JsonBody body;
    private final JsonParser p;
    private final String service;
    private final List<Column> columns;
    private final ColumnType[] types;
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<String> unknownKeys = new LinkedHashSet<>();
    private final TimeRange filter;
    private final int timeIndex;
    private long rows;
    private long filtered;
    private boolean done;

    /**
     * @param filter     rows outside it are dropped (null: keep all)
     * @param timeColumn the column {@code filter} applies to
     */
    HuntingResult(JsonBody body, String service, TimeRange filter, String timeColumn) {
        this.body = body;
        this.p = body.parser();
        this.service = service;
        List<Column> cols = body.readHead(this::readHead);
        this.columns = List.copyOf(cols);
        this.types = cols.stream().map(Column::type).toArray(ColumnType[]::new);
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
        Integer t = filter == null ? null : index.get(timeColumn);
        if (filter != null && (t == null || types[t] != ColumnType.TIMESTAMP)) {
            LOG.warn(body.scope().redact(service + ": the time range " + filter + " cannot be applied, the result has no timestamp "
                    + "column '" + timeColumn + "' (setting time_column); only the query's own time filter limits it"));
        }
        this.filter = t == null || types[t] != ColumnType.TIMESTAMP ? null : filter;
        this.timeIndex = t == null ? -1 : t;
    }

    private List<Column> readHead() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw body.scope().error("the " + service + " response is not a JSON object");
        }
        List<Column> cols = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("schema".equalsIgnoreCase(field) && v == JsonToken.START_ARRAY) {
                cols = KustoTypes.readColumns(p, true,
                        () -> body.scope().error("a column in the " + service + " schema has no name"));
            } else if ("results".equalsIgnoreCase(field) && v == JsonToken.START_ARRAY) {
                if (cols == null) {
                    throw body.scope().error("the " + service + " response lists results before its schema");
                }
                return cols;
            } else {
                p.skipChildren();
            }
        }
        throw body.scope().error("the " + service + " response has no \"results\"");
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        while (!done) {
            Object[] row = read();
            if (row == null || filter == null || row[timeIndex] != null && filter.contains((Instant) row[timeIndex])) {
                return row;
            }
            filtered++;
        }
        return null;
    }

    private Object[] read() {
        String key = null;
        try {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                Object[] row = new Object[types.length];
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    key = p.currentName();
                    JsonToken v = p.nextToken();
                    Integer i = index.get(key);
                    if (i == null) {
                        unknownKeys.add(key);
                        p.skipChildren();
                    } else {
                        row[i] = JsonValues.read(p, v, types[i]);
                    }
                }
                rows++;
                return row;
            }
            if (t == JsonToken.END_ARRAY) {
                readTail();
                return null;
            }
            throw body.scope().error("unexpected " + t + " in the " + service + " results after " + rows + " rows");
        } catch (IOException e) {
            close();
            throw body.failure(e, "after " + rows + " rows");
        } catch (IllegalArgumentException e) {
            close();
            Integer i = index.get(key);
            throw body.scope().error("row " + (rows + 1) + ", column " + key + " (" + (i == null ? "?" : types[i]) + ") of the "
                    + service + " result: " + e.getMessage());
        } catch (Hunt4jException e) {
            close();
            throw e;
        }
    }

    private void readTail() throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            p.nextToken();
            p.skipChildren();
        }
        body.markComplete();
        close();
        if (!unknownKeys.isEmpty()) {
            LOG.warn(body.scope().redact(service + " rows had fields missing from the schema, left out: " + unknownKeys));
        }
        if (filtered > 0) {
            LOG.debug("{}: {} of {} rows were outside the time range {}", service, filtered, rows, filter);
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            body.close();
        }
    }
}
