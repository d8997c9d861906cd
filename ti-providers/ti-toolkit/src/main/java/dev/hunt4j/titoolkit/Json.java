package dev.hunt4j.titoolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON answers turned into the JDK values {@code TiResult.details} holds. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A JSON value as text, numbers, booleans, lists and maps (null for JSON null or a missing node). */
    public static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.asText();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(x -> out.add(value(x)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    /** Puts {@code n}'s value under {@code key} when it is present and not null. */
    public static void put(Map<String, Object> details, String key, JsonNode n) {
        Object v = value(n);
        if (v != null) {
            details.put(key, v);
        }
    }

    /** The texts of an array's elements (or of a field of each element). */
    public static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode x : array) {
                JsonNode v = field == null ? x : x.path(field);
                if (v.isValueNode() && !v.asText().isEmpty()) {
                    out.add(v.asText());
                }
            }
        }
        return out;
    }

    /** JSON text as JDK values ({@link #value}); text that is not JSON stays text. */
    public static Object parse(String text) {
        try {
            return value(MAPPER.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return text;
        }
    }

    /** Compact JSON text. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
