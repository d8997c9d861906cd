package dev.hunt4j.provider.elastic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Timestamps;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tabular answer: ES|QL ({@code {"columns": [...], "values": [[...]]}}), Elasticsearch SQL ({@code "columns"},
 * {@code "rows"}, {@code "cursor"}) or the OpenSearch SQL plugin's JDBC format ({@code "schema"}, {@code "datarows"},
 * {@code "cursor"}). Rows are parsed from the socket one at a time; SQL results are followed page by page through their
 * cursor, which is closed on the server when the stream is closed early.
 */
final class TabularStream implements ResultStream {
    private static final Logger LOG = LoggerFactory.getLogger(TabularStream.class);

    /** Where one API puts things. */
    record Format(String name, String columnsKey, String rowsKey, String nextPath, String closePath, Map<String, String> params) {
        static final Format ESQL = new Format("ES|QL", "columns", "values", null, null, Map.of("format", "json"));
        static final Format ES_SQL = new Format("SQL", "columns", "rows", "/_sql", "/_sql/close", Map.of("format", "json"));
        static final Format OPENSEARCH_SQL = new Format("SQL", "schema", "datarows", "/_plugins/_sql", "/_plugins/_sql/close",
                Map.of("format", "jdbc"));
    }

    private final ElasticClient client;
    private final QueryScope scope;
    private final Format format;
    private final long limit;
    private final JsonText text = new JsonText();
    private List<Column> columns;
    private ColumnType[] types;
    private JsonBody body;
    private JsonParser p;
    private String cursor;
    private String pageCursor;
    private boolean partial;
    private boolean closingMidPage;
    private long delivered;
    private int pages;
    private boolean done;

    private TabularStream(ElasticClient client, QueryScope scope, Format format, long limit) {
        this.client = client;
        this.scope = scope;
        this.format = format;
        this.limit = limit;
    }

    /**
     * Sends the first request and reads up to the first row.
     *
     * @param path        the API path ({@code /_query}, {@code /_sql}, {@code /_plugins/_sql})
     * @param requestBody the JSON request
     */
    static TabularStream open(ElasticClient client, QueryScope scope, Format format, String path, String requestBody, long limit) {
        TabularStream s = new TabularStream(client, scope, format, limit);
        try {
            s.page(new ElasticClient.Call("POST", path, format.params(), requestBody), "running the " + format.name() + " query");
            if (s.columns == null) {
                throw scope.error("the " + format.name() + " response has no \"" + format.columnsKey() + "\"");
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Sends one request and reads its head, up to the rows array (or to the end when it has none). */
    private void page(ElasticClient.Call call, String what) {
        pages++;
        body = new JsonBody(client.send(call, scope, what), "the " + client.service() + " " + format.name() + " response");
        p = body.parser();
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw scope.error("the " + format.name() + " response is not a JSON object");
            }
            cursor = null;
            if (!readFields()) {
                finishPage();
            }
        } catch (IOException e) {
            throw body.failure(e, "in page " + pages);
        }
    }

    /** Reads top-level fields until the rows array starts (true) or the object ends (false). */
    private boolean readFields() throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals(format.columnsKey()) && v == JsonToken.START_ARRAY) {
                readColumns();
            } else if (field.equals(format.rowsKey()) && v == JsonToken.START_ARRAY) {
                if (columns == null) {
                    throw scope.error("the " + format.name() + " response lists rows before its columns");
                }
                return true;
            } else if (field.equals("cursor") && v == JsonToken.VALUE_STRING) {
                cursor = p.getText();
            } else if (field.equals("is_partial") && v == JsonToken.VALUE_TRUE) {
                partial = true;
            } else {
                p.skipChildren();
            }
        }
        return false;
    }

    private void readColumns() throws IOException {
        List<Column> cols = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
            String name = null;
            String alias = null;
            String type = null;
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "name" -> name = p.getText();
                    case "alias" -> alias = p.getValueAsString();
                    case "type" -> type = p.getText();
                    default -> p.skipChildren();
                }
            }
            String shown = alias != null && !alias.isBlank() ? alias : name;
            if (shown == null) {
                throw scope.error("a column in the " + format.name() + " response has no name");
            }
            cols.add(new Column(shown, typeOf(type)));
        }
        if (columns == null) {
            columns = List.copyOf(cols);
            types = cols.stream().map(Column::type).toArray(ColumnType[]::new);
        }
    }

    /** ES|QL and SQL type names, Elasticsearch's and OpenSearch's, to column types. */
    static ColumnType typeOf(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "long", "integer", "short", "byte", "counter_long", "counter_integer" -> ColumnType.LONG;
            case "double", "float", "half_float", "scaled_float", "unsigned_long", "counter_double" -> ColumnType.DOUBLE;
            case "boolean" -> ColumnType.BOOLEAN;
            case "date", "datetime", "date_nanos", "timestamp" -> ColumnType.TIMESTAMP;
            case "object", "nested", "struct", "array", "geo_point", "geo_shape", "cartesian_point", "cartesian_shape",
                 "flattened" -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
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
            while (true) {
                if (limit > 0 && delivered >= limit) {
                    close();
                    return null;
                }
                if (body == null) {
                    if (cursor == null || format.nextPath() == null) {
                        close();
                        if (partial) {
                            throw scope.error(client.service() + " returned a PARTIAL " + format.name() + " result (is_partial: "
                                    + "true; " + delivered + " rows arrived): some shards or clusters failed");
                        }
                        return null;
                    }
                    String c = cursor;
                    pageCursor = c;
                    page(new ElasticClient.Call("POST", format.nextPath(), format.params(), Json.write(Json.object("cursor", c))),
                            "fetching page " + (pages + 1) + " of the " + format.name() + " result");
                    continue;
                }
                if (scope.isCancelled()) {
                    throw scope.cancelled();
                }
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    Object[] row = new Object[types.length];
                    for (col = 0; col < types.length; col++) {
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.END_ARRAY) {
                            throw scope.error("row " + (delivered + 1) + " of the " + format.name() + " result has " + col
                                    + " values for " + types.length + " columns");
                        }
                        row[col] = cell(p, v, types[col], text);
                    }
                    col = -1;
                    if (p.nextToken() != JsonToken.END_ARRAY) {
                        throw scope.error("row " + (delivered + 1) + " of the " + format.name() + " result has more values than its "
                                + types.length + " columns");
                    }
                    delivered++;
                    return row;
                }
                if (t == JsonToken.END_ARRAY) {
                    if (readFields()) {
                        throw scope.error("the " + format.name() + " response has a second rows array");
                    }
                    finishPage();
                    continue;
                }
                throw scope.error("unexpected " + t + " in the rows of the " + format.name() + " result");
            }
        } catch (IOException e) {
            Hunt4jException failure = body == null ? scope.ioFailure(e, "reading the result") : body.failure(e, "after " + delivered + " rows");
            close();
            throw failure;
        } catch (IllegalArgumentException e) {
            close();
            Column c = columns.get(Math.max(0, col));
            throw scope.error("row " + (delivered + 1) + ", column " + c.name() + " (" + c.type() + ") of the " + format.name()
                    + " result: " + e.getMessage());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** One value; a multi-valued field (a JSON array) is JSON text in a text column, its only element otherwise. */
    static Object cell(JsonParser p, JsonToken v, ColumnType type, JsonText text) throws IOException {
        if ((v == JsonToken.START_ARRAY || v == JsonToken.START_OBJECT) && (type == ColumnType.STRING || type == ColumnType.JSON)) {
            return text.copy(p);
        }
        if (v == JsonToken.START_ARRAY && type != ColumnType.STRING && type != ColumnType.JSON) {
            List<?> values = (List<?>) Json.read(p, v);
            if (values.isEmpty()) {
                return null;
            }
            if (values.size() > 1) {
                throw new IllegalArgumentException(values.size() + " values " + Json.write(values) + " where one " + type + " fits");
            }
            return convert(values.get(0), type);
        }
        if (type == ColumnType.TIMESTAMP && (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT)) {
            return HitReader.time(p, v, false);
        }
        return JsonValues.read(p, v, type);
    }

    private static Object convert(Object o, ColumnType type) {
        if (o == null) {
            return null;
        }
        return switch (type) {
            case LONG -> o instanceof Long l ? l : o instanceof BigDecimal d ? d.longValueExact() : Long.parseLong(o.toString());
            case DOUBLE -> o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
            case BOOLEAN -> o instanceof Boolean b ? b : Boolean.parseBoolean(o.toString());
            case TIMESTAMP -> o instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : Timestamps.parse(o.toString());
            default -> o.toString();
        };
    }

    /** The page's body was read to its end. */
    private void finishPage() throws IOException {
        p.nextToken();
        body.markComplete();
        JsonBody b = body;
        body = null;
        p = null;
        b.close();
    }

    /** Rows handed out so far. */
    long rows() {
        return delivered;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        JsonBody b = body;
        closingMidPage = b != null;
        body = null;
        p = null;
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            scope.close();
            closeCursor();
        }
    }

    private void closeCursor() {
        // mid-page the page's own cursor is not known yet (it follows the rows): the one that fetched it names the same
        // server-side search
        String c = cursor != null ? cursor : closingMidPage ? pageCursor : null;
        cursor = null;
        if (c == null || format.closePath() == null) {
            return;
        }
        try {
            client.json(new ElasticClient.Call("POST", format.closePath(), Map.of(), Json.write(Json.object("cursor", c))),
                    client.cleanupScope(), "closing the " + format.name() + " cursor");
        } catch (RuntimeException e) {
            LOG.debug("could not close the {} cursor: {}", format.name(), e.getMessage());
        }
    }
}
