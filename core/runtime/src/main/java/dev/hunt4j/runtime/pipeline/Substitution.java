package dev.hunt4j.runtime.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code ${name}} references in pipeline values. A value that is exactly one reference takes the parameter's typed
 * value (a list stays a list, a time range a range); a reference inside longer text is replaced by the value's text
 * form. {@code $$} is a literal {@code $}. Maps and lists are substituted element by element.
 */
final class Substitution {
    private Substitution() {
    }

    /** The names referenced anywhere in {@code value} (strings, lists, maps). */
    static Set<String> references(Object value) {
        Set<String> out = new LinkedHashSet<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, Set<String> out) {
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                    i++;
                } else if (s.startsWith("${", i)) {
                    int end = s.indexOf('}', i);
                    if (end < 0) {
                        return; // reported by check()
                    }
                    out.add(s.substring(i + 2, end).trim());
                    i = end;
                }
            }
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        }
    }

    /** A problem with the references in {@code text} (an unclosed or empty {@code ${}}), or null. */
    static String check(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                i++;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    return "'${' is never closed with '}' (write $$ for a literal $)";
                }
                if (text.substring(i + 2, end).isBlank()) {
                    return "'${}' names no parameter";
                }
                i = end;
            }
        }
        return null;
    }

    /** Substitutes references in a value; {@code lookup} gives a name's typed value. */
    static Object apply(Object value, Function<String, Object> lookup) {
        if (value instanceof String s) {
            return applyText(s, lookup);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), apply(v, lookup)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(apply(v, lookup)));
            return out;
        }
        return value;
    }

    private static Object applyText(String s, Function<String, Object> lookup) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        String trimmed = s.trim();
        if (trimmed.startsWith("${") && trimmed.endsWith("}") && trimmed.indexOf('}') == trimmed.length() - 1) {
            return lookup.apply(trimmed.substring(2, trimmed.length() - 1).trim());
        }
        return text(s, lookup);
    }

    /** Substitutes references with their text forms. */
    static String text(String s, Function<String, Object> lookup) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                sb.append('$');
                i++;
            } else if (s.startsWith("${", i) && s.indexOf('}', i) > 0) {
                int end = s.indexOf('}', i);
                sb.append(ParameterSpec.text(lookup.apply(s.substring(i + 2, end).trim())));
                i = end;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
