package dev.hunt4j.provider.elastic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.Texts;
import dev.hunt4j.toolkit.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one document's {@code _source} from the parser into a row, flattening nested objects into their dotted
 * columns as it goes (no tree is built). Arrays are kept as JSON text; an array of objects spreads its values over the
 * leaf columns as JSON arrays, as Elasticsearch itself indexes them ({@code threat.technique.id: ["T1059", "T1105"]}).
 * A column typed as a number, boolean or time takes a one-element array's element; more elements are a type error.
 */
final class HitReader {
    /** A value that does not fit its column; the caller decides between failing and null. */
    static final class TypeError extends Exception {
        private static final long serialVersionUID = 1L;
        final int column;

        TypeError(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    /** Values gathered for one column from an array or an array of objects. */
    static final class Multi extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    private final FieldSchema schema;
    private final FieldSchema.Reader[] readers;
    private final boolean nullOnTypeError;
    private final List<TypeError> typeErrors = new ArrayList<>();
    private final JsonText text = new JsonText();
    private boolean sawMulti;

    HitReader(FieldSchema schema, boolean nullOnTypeError) {
        this.schema = schema;
        int n = schema.columns().size();
        this.readers = new FieldSchema.Reader[n];
        for (int i = 0; i < n; i++) {
            readers[i] = schema.reader(i);
        }
        this.nullOnTypeError = nullOnTypeError;
    }

    /** Type errors turned into nulls while reading the last row ({@code on_type_error: null}). */
    List<TypeError> typeErrors() {
        return typeErrors;
    }

    /**
     * Reads the {@code _source} object the parser is on (its START_OBJECT is current) into {@code row}.
     *
     * @throws TypeError when a value does not fit its column and nulls were not asked for
     */
    void readSource(JsonParser p, Object[] row) throws IOException, TypeError {
        typeErrors.clear();
        sawMulti = false;
        readObject(p, schema.root(), row, false);
        if (sawMulti) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof Multi m) {
                    row[i] = finish(i, m);
                }
            }
        }
    }

    private void readObject(JsonParser p, FieldSchema.Node node, Object[] row, boolean multi) throws IOException, TypeError {
        for (int pos = 0; ; pos++) {
            FieldSchema.Node child;
            if (pos < node.seqLength && p.nextFieldName(node.seqKeys[pos])) {
                child = node.seqNodes[pos]; // the key expected here, matched on its bytes
            } else if ((pos < node.seqLength ? p.currentToken() : p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                child = node.child(name);
                if (child == null && name.indexOf('.') > 0) {
                    child = dotted(node, name);
                }
                node.learn(pos, name, child);
            } else {
                return; // the end of the object
            }
            JsonToken v = p.nextToken();
            if (child == null) {
                p.skipChildren();
                continue;
            }
            readValue(p, v, child, row, multi);
        }
    }

    /** A key written with dots ({@code "host.name": ...} in the source) walks the tree segment by segment. */
    static FieldSchema.Node dotted(FieldSchema.Node node, String name) {
        FieldSchema.Node n = node;
        int start = 0;
        while (n != null) {
            int dot = name.indexOf('.', start);
            String seg = dot < 0 ? name.substring(start) : name.substring(start, dot);
            n = n.child(seg);
            if (dot < 0) {
                return n;
            }
            start = dot + 1;
        }
        return null;
    }

    private void readValue(JsonParser p, JsonToken v, FieldSchema.Node n, Object[] row, boolean multi) throws IOException, TypeError {
        int col = n.column;
        if (col >= 0) {
            FieldSchema.Reader r = n.reader;
            if (r == FieldSchema.Reader.JSON) {
                String json = v.isScalarValue() ? (v == JsonToken.VALUE_NULL ? null : v == JsonToken.VALUE_STRING
                        ? (multi ? text.quote(p.getText()) : p.getText()) : p.getText()) : text.copy(p);
                put(row, col, multi && json != null ? new Json.Raw(json) : json, multi);
                return;
            }
            if (v == JsonToken.START_ARRAY) {
                if (!multi && r == FieldSchema.Reader.STRING && n.children.isEmpty()) {
                    // the common case, a plain array in a text column: its JSON text, exactly as stored
                    put(row, col, text.copy(p), false);
                    return;
                }
                readArray(p, n, row);
                return;
            }
            if (v == JsonToken.START_OBJECT) {
                if (!n.children.isEmpty()) {
                    readObject(p, n, row, multi);
                } else {
                    String json = text.copy(p);
                    put(row, col, multi ? new Json.Raw(json) : json, multi);
                }
                return;
            }
            if (v == JsonToken.VALUE_NULL) {
                return;
            }
            Object value = scalar(p, v, col, r);
            if (multi && r == FieldSchema.Reader.STRING && value != null) {
                value = new Json.Raw(v == JsonToken.VALUE_STRING ? text.quote((String) value) : p.getText());
            }
            put(row, col, value, multi);
            return;
        }
        if (v == JsonToken.START_OBJECT) {
            readObject(p, n, row, multi);
        } else if (v == JsonToken.START_ARRAY) {
            readArray(p, n, row);
        } else {
            p.skipChildren(); // a scalar where the mapping has an object: nothing maps to it
        }
    }

    /** Makes {@code row[column]} (if the node has a column) gather values, keeping one already read. */
    static void startMulti(Object[] row, int column) {
        if (column >= 0 && !(row[column] instanceof Multi)) {
            Multi m = new Multi();
            if (row[column] != null) {
                m.add(row[column]);
            }
            row[column] = m;
        }
    }

    /** An array at node {@code n}: every element, objects included, adds to the columns below. */
    private void readArray(JsonParser p, FieldSchema.Node n, Object[] row) throws IOException, TypeError {
        sawMulti = true;
        startMulti(row, n.column);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (e == null) {
                throw new IOException("unexpected end of input in an array");
            }
            readValue(p, e, n, row, true);
        }
    }

    static void put(Object[] row, int col, Object value, boolean multi) {
        if (value == null) {
            return;
        }
        if (multi) {
            Object cur = row[col];
            Multi m;
            if (cur instanceof Multi existing) {
                m = existing;
            } else {
                m = new Multi();
                if (cur != null) {
                    m.add(cur);
                }
                row[col] = m;
            }
            m.add(value);
        } else {
            row[col] = value;
        }
    }

    private Object scalar(JsonParser p, JsonToken v, int col, FieldSchema.Reader r) throws IOException, TypeError {
        try {
            switch (r) {
                case STRING:
                    return p.getText();
                case LONG:
                    return JsonValues.read(p, v, ColumnType.LONG);
                case DOUBLE:
                    return JsonValues.read(p, v, ColumnType.DOUBLE);
                case BOOLEAN:
                    return JsonValues.read(p, v, ColumnType.BOOLEAN);
                case TIME_MILLIS:
                case TIME_SECONDS:
                    return time(p, v, r == FieldSchema.Reader.TIME_SECONDS);
                default:
                    return p.getText();
            }
        } catch (IllegalArgumentException e) {
            return typeError(col, e.getMessage());
        }
    }

    /** Dates as Elasticsearch stores them by default: ISO-8601 text or epoch milliseconds (seconds for epoch_second). */
    static Instant time(JsonParser p, JsonToken v, boolean seconds) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            return epoch(p.getDoubleValue(), v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : Long.MIN_VALUE, seconds);
        }
        if (v != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("'" + p.getText() + "' is not a time");
        }
        return time(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), seconds);
    }

    /** A time column's value written as a string ({@code len} characters of {@code c} from {@code off}). */
    static Instant time(char[] c, int off, int len, boolean seconds) {
        if (len == 0) {
            return null;
        }
        boolean digits = len <= 19;
        for (int i = 0; i < len && digits; i++) {
            char ch = c[off + i];
            digits = ch >= '0' && ch <= '9' || ch == '-' && i == 0;
        }
        if (digits && !(len == 4 || len == 8)) {
            // a number in a string is epoch time to Elasticsearch (a bare year "2024" is not)
            long n = Long.parseLong(new String(c, off, len));
            return epoch(n, n, seconds);
        }
        return Timestamps.parse(c, off, len);
    }

    static Instant epoch(double d, long whole, boolean seconds) {
        if (seconds) {
            return whole != Long.MIN_VALUE ? Instant.ofEpochSecond(whole)
                    : Instant.ofEpochSecond((long) Math.floor(d), (long) ((d - Math.floor(d)) * 1e9));
        }
        if (whole != Long.MIN_VALUE) {
            return Instant.ofEpochMilli(whole);
        }
        long ms = (long) Math.floor(d);
        return Instant.ofEpochMilli(ms).plusNanos((long) ((d - ms) * 1e6));
    }

    Object typeError(int col, String message) throws TypeError {
        TypeError e = new TypeError(col, message);
        if (!nullOnTypeError) {
            throw e;
        }
        typeErrors.add(e);
        return null;
    }

    /** The gathered values as the column's value: JSON text for text and JSON columns, the single value otherwise. */
    Object finish(int col, Multi m) throws TypeError {
        FieldSchema.Reader r = readers[col];
        if (r == FieldSchema.Reader.STRING || r == FieldSchema.Reader.JSON) {
            return jsonArray(m);
        }
        if (m.isEmpty()) {
            return null;
        }
        if (m.size() == 1) {
            return m.get(0);
        }
        return typeError(col, m.size() + " values " + Texts.abbreviate(jsonArray(m), 200) + " where one "
                + FieldSchema.typeOf(r) + " fits");
    }

    private String jsonArray(List<Object> values) {
        StringBuilder sb = new StringBuilder(16 * values.size() + 2).append('[');
        for (int i = 0; i < values.size(); i++) {
            Object o = values.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (o instanceof Json.Raw r) {
                sb.append(r.json());
            } else if (o instanceof String || o instanceof Instant) {
                sb.append(text.quote(o.toString()));
            } else {
                sb.append(o); // Long, Double, Boolean
            }
        }
        return sb.append(']').toString();
    }
}
