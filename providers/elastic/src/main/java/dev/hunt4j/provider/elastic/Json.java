package dev.hunt4j.provider.elastic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.toolkit.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small JSON documents (query texts, request bodies, mappings) as plain {@link Map}s, {@link List}s and scalars.
 * The plugin bundles only jackson-core, so this is the little tree it needs; results are never read this way.
 */
final class Json {
    private Json() {
    }

    /** Raw JSON text written as it is by {@link #write}. */
    record Raw(String json) {
    }

    /**
     * Parses one JSON value; nothing but whitespace may follow it.
     *
     * @throws IllegalArgumentException with the line and column of a syntax error
     */
    static Object parse(String text) {
        try (JsonParser p = JsonValues.FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("empty JSON text");
            }
            Object v = read(p, t);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new IllegalArgumentException("unexpected text after the JSON value at line " + l.getLineNr() + ", column "
                        + l.getColumnNr());
            }
            return v;
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            throw new IllegalArgumentException("invalid JSON at line " + (l == null ? "?" : l.getLineNr()) + ", column "
                    + (l == null ? "?" : l.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Reads the value at the current token {@code t}, consuming structures to their end. */
    static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (v == null) {
                        throw new IOException("unexpected end of JSON input in an array");
                    }
                    l.add(read(p, v));
                }
                return l;
            }
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                // keep the digits exactly as written: a query's 0.1 must reach the server as 0.1
                return p.getDecimalValue();
            default:
                return p.getText();
        }
    }

    /** Compact JSON text of a tree built from maps, lists, scalars and {@link Raw}. */
    static String write(Object value) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JsonValues.FACTORY.createGenerator(w)) {
            write(g, value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Raw r) {
            g.writeRawValue(r.json());
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else {
            g.writeString(v.toString());
        }
    }

    /** A map with the given key/value pairs, in order. */
    static Map<String, Object> object(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** {@code value} as a map, or null when it is not a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }
}
