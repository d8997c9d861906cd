package dev.hunt4j.provider.elastic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Index expressions as they go into a request path: {@code logs-*,winlogbeat-*,-logs-debug*}. */
final class Indices {
    // what index names, aliases, data streams, wildcards, exclusions, date math and remote clusters may contain
    private static final Pattern PART = Pattern.compile("[^\\s\"\\\\/?#,|]+");

    private Indices() {
    }

    /**
     * Checks a comma-separated index expression and returns it trimmed, so it cannot reach another API through the path.
     *
     * @throws IllegalArgumentException naming the offending part
     */
    static String check(String expression) {
        List<String> parts = new ArrayList<>();
        for (String p : expression.split(",", -1)) {
            String t = p.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("index expression '" + expression + "' has an empty part");
            }
            if (!PART.matcher(t).matches() || t.equals(".") || t.equals("..")
                    || t.startsWith("_") && !t.equals("_all")) {
                throw new IllegalArgumentException("'" + t + "' is not an index name or pattern (letters, digits, - _ . * + : "
                        + "< > { }; no spaces, quotes, slashes or a leading _)");
            }
            parts.add(t);
        }
        return String.join(",", parts);
    }

    /** Joins several expressions (a JSON list of indices) into one. */
    static String join(List<?> items) {
        List<String> parts = new ArrayList<>();
        for (Object o : items) {
            parts.add(check(String.valueOf(o)));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the index list is empty");
        }
        return String.join(",", parts);
    }
}
