package dev.hunt4j.provider.splunk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.QueryScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The column layout of a Splunk result and the reading of one result object into it. Splunk values are text, or
 * arrays for multivalue fields (kept as their JSON text); {@code _time} is a timestamp. Fields a result has that the
 * layout lacks are collected, so they can be reported instead of dropped silently.
 */
final class SplunkRows {
    private final List<Column> columns;
    private final ColumnType[] types;
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<String> unknown = new LinkedHashSet<>();

    SplunkRows(List<String> fields) {
        List<Column> cols = new ArrayList<>(fields.size());
        for (String f : fields) {
            if (!index.containsKey(f)) {
                index.put(f, cols.size());
                cols.add(new Column(f, f.equals("_time") ? ColumnType.TIMESTAMP : ColumnType.STRING));
            }
        }
        this.columns = List.copyOf(cols);
        this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    }

    List<Column> columns() {
        return columns;
    }

    /** Fields seen in results but not in the layout. */
    Set<String> unknownFields() {
        return unknown;
    }

    /** Reads the result object the parser is at ({@code START_OBJECT} consumed) into a row. */
    Object[] read(JsonParser p, QueryScope scope, long rowNumber) throws IOException {
        Object[] row = new Object[types.length];
        for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            Integer i = index.get(key);
            if (i == null) {
                unknown.add(key);
                p.skipChildren();
                continue;
            }
            try {
                row[i] = JsonValues.read(p, v, types[i]);
            } catch (IllegalArgumentException e) {
                throw new QueryException(scope.redact("row " + rowNumber + ", field " + key + " of the Splunk result: " + e.getMessage()));
            }
        }
        return row;
    }

    /** The field names of a {@code fields} array: strings, or objects with a {@code name}. */
    static List<String> readFields(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            } else if (t == JsonToken.START_OBJECT) {
                String name = null;
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("name".equals(field)) {
                        name = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                if (name != null) {
                    out.add(name);
                }
            } else {
                p.skipChildren();
            }
        }
        return out;
    }
}
