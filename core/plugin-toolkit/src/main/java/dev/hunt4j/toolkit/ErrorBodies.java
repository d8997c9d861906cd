package dev.hunt4j.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON error bodies services send (at most 64 KiB, see {@link HttpTransport}) into maps and
 * lists, to pick out their messages. Never used for result bodies, which are streamed.
 */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    /** The body as nested {@link Map}s, {@link List}s and scalars; null when it is not JSON. */
    public static Object parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonParser p = JsonValues.FACTORY.createParser(body)) {
            JsonToken t = p.nextToken();
            return t == null ? null : value(p, t);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY && v != null; v = p.nextToken()) {
                    l.add(value(p, v));
                }
                return l;
            }
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getBooleanValue();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            default:
                return p.getText();
        }
    }

    /** The value at {@code path} (map keys, matched ignoring case; list positions as numbers), or null. */
    public static Object at(Object root, String... path) {
        Object cur = root;
        for (String key : path) {
            if (cur instanceof Map<?, ?> m) {
                Object next = null;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (String.valueOf(e.getKey()).equalsIgnoreCase(key)) {
                        next = e.getValue();
                        break;
                    }
                }
                cur = next;
            } else if (cur instanceof List<?> l && key.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(key);
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }

    /** The text at {@code path}, or null when absent or not a scalar. */
    public static String text(Object root, String... path) {
        Object v = at(root, path);
        return v == null || v instanceof Map || v instanceof List ? null : v.toString();
    }
}
