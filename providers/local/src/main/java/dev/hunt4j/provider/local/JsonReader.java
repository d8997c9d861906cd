package dev.hunt4j.provider.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.QueryException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Map;

/**
 * Reads objects one at a time with Jackson's streaming parser, either from JSON lines (a sequence of
 * top-level objects) or from a top-level array of objects. Nested objects and arrays become
 * {@link Values.RawJson} with compact JSON text.
 */
final class JsonReader implements Closeable {
    // thread-safe once configured; parsers and generators are created per use
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Receives the fields of one object. */
    interface FieldSink {
        void field(String name, Object value);
    }

    private final JsonParser parser;
    private final boolean array;
    private final String file;
    private boolean started;
    private boolean done;
    private long recordLine;

    JsonReader(InputStream in, boolean array, String file) throws IOException {
        this.parser = FACTORY.createParser(in);
        this.array = array;
        this.file = file;
    }

    /** The line (1-based) on which the object last returned starts. */
    long recordLine() {
        return recordLine;
    }

    /** Reads the next object's fields into {@code sink}; false at the end. */
    boolean next(FieldSink sink) throws IOException {
        if (done) {
            return false;
        }
        try {
            JsonToken t;
            if (!started) {
                started = true;
                t = parser.nextToken();
                if (array) {
                    if (t != JsonToken.START_ARRAY) {
                        throw malformed(parser.currentTokenLocation(), "expected a top-level array of objects, found "
                                + describe(t));
                    }
                    t = parser.nextToken();
                }
            } else {
                t = parser.nextToken();
            }
            if (array && t == JsonToken.END_ARRAY) {
                JsonToken after = parser.nextToken();
                if (after != null) {
                    throw malformed(parser.currentTokenLocation(), "unexpected " + describe(after) + " after the top-level array");
                }
                done = true;
                return false;
            }
            if (t == null) {
                if (array) {
                    throw malformed(parser.currentLocation(), "the top-level array is not closed (file truncated?)");
                }
                done = true;
                return false;
            }
            recordLine = parser.currentTokenLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
                throw malformed(parser.currentTokenLocation(), "expected a JSON object, found " + describe(t));
            }
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                sink.field(name, value(parser.nextToken()));
            }
            return true;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new QueryException("malformed JSON in " + file + " line " + (loc == null ? "?" : loc.getLineNr())
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the next object into a map (used while sampling). */
    boolean next(Map<String, Object> into) throws IOException {
        return next(into::put);
    }

    private Object value(JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                // beyond a long: keep the digits as text rather than lose precision
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getText() : parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                StringWriter out = new StringWriter();
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    g.copyCurrentStructure(parser);
                }
                return new Values.RawJson(out.toString());
            default:
                throw malformed(parser.currentTokenLocation(), "unexpected " + describe(t));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private QueryException malformed(JsonLocation loc, String what) {
        return new QueryException("malformed JSON in " + file + " line " + loc.getLineNr() + ": " + what);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
