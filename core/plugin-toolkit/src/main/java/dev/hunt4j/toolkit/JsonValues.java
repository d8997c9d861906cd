package dev.hunt4j.toolkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import dev.hunt4j.api.data.ColumnType;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Reads one JSON value from a streaming parser as the Java type of a {@link ColumnType}: the conversions every
 * provider needs, in one place. A value that does not fit its column raises {@link IllegalArgumentException} with
 * the value; the caller adds the column and row.
 */
public final class JsonValues {
    /** The factory every provider parses responses with; error locations never quote the input. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonValues() {
    }

    /**
     * Reads the value at the parser's current token {@code t} (which must be a value or a structure start) as
     * {@code type}; a structure is consumed to its end.
     */
    public static Object read(JsonParser p, JsonToken t, ColumnType type) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        switch (type) {
            case STRING:
                if (t == JsonToken.VALUE_STRING || t.isScalarValue()) {
                    return p.getText();
                }
                return structureText(p);
            case TIMESTAMP:
                if (t == JsonToken.VALUE_STRING) {
                    int len = p.getTextLength();
                    return len == 0 ? null : Timestamps.parse(p.getTextCharacters(), p.getTextOffset(), len);
                }
                if (t.isNumeric()) {
                    return Timestamps.parse(p.getText());
                }
                throw unexpected(p, t, "a timestamp");
            case LONG:
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new IllegalArgumentException("'" + p.getText() + "' does not fit a 64-bit whole number");
                    }
                    return p.getLongValue();
                }
                if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    double d = p.getDoubleValue();
                    if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                        return (long) d;
                    }
                    throw new IllegalArgumentException("'" + p.getText() + "' is not a whole number");
                }
                if (t == JsonToken.VALUE_STRING) {
                    return parseLong(p.getText().trim());
                }
                throw unexpected(p, t, "a whole number");
            case DOUBLE:
                if (t.isNumeric()) {
                    return p.getDoubleValue();
                }
                if (t == JsonToken.VALUE_STRING) {
                    return parseDouble(p.getText().trim());
                }
                throw unexpected(p, t, "a number");
            case BOOLEAN:
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    return t == JsonToken.VALUE_TRUE;
                }
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    return p.getLongValue() != 0;
                }
                if (t == JsonToken.VALUE_STRING) {
                    return switch (p.getText().trim().toLowerCase(java.util.Locale.ROOT)) {
                        case "true", "1" -> Boolean.TRUE;
                        case "false", "0" -> Boolean.FALSE;
                        case "" -> null;
                        default -> throw new IllegalArgumentException("'" + p.getText() + "' is not true or false");
                    };
                }
                throw unexpected(p, t, "true or false");
            case JSON:
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    return structureText(p);
                }
                // Kusto sends dynamic values as JSON text in a string; keep that text
                return p.getText();
            default:
                throw new IllegalStateException("unhandled column type " + type);
        }
    }

    /**
     * A whole number sent as text, as Kusto and Elasticsearch may send one: empty is null.
     *
     * @throws IllegalArgumentException naming the text when it is not a whole number
     */
    public static Long parseLong(String s) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number");
        }
    }

    /**
     * A number sent as text, as Kusto and Elasticsearch may send one: empty is null; {@code NaN}, {@code Infinity},
     * {@code +Infinity} and {@code -Infinity} are the special values.
     *
     * @throws IllegalArgumentException naming the text when it is not a number
     */
    public static Double parseDouble(String s) {
        return switch (s) {
            case "" -> null;
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + s + "' is not a number");
                }
            }
        };
    }

    private static IllegalArgumentException unexpected(JsonParser p, JsonToken t, String expected) throws IOException {
        String shown = t.isScalarValue() ? "'" + p.getText() + "'" : "a JSON " + (t == JsonToken.START_OBJECT ? "object" : "array");
        if (!t.isScalarValue()) {
            p.skipChildren();
        }
        return new IllegalArgumentException(shown + " is not " + expected);
    }

    /** The structure starting at the current token as compact JSON text; the parser ends on its last token. */
    public static String structureText(JsonParser p) throws IOException {
        if (p.currentToken().isScalarValue()) {
            return p.getText();
        }
        SegmentedStringWriter w = new SegmentedStringWriter(new BufferRecycler());
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        return w.getAndClear();
    }

    /** {@code text} as a JSON string literal, quotes included. */
    public static String quote(String text) {
        StringWriter w = new StringWriter(text.length() + 8);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
