package dev.hunt4j.visualization;

import dev.hunt4j.api.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A renderer's option values, checked against the options it declares. Keys are case-insensitive and
 * {@code time-column} means {@code time_column}, so CLI spellings work too. Every error names the renderer and
 * the option.
 */
final class Options {
    private final String renderer;
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String renderer, Map<String, String> raw, Map<String, String> known) {
        this.renderer = renderer;
        if (raw == null) {
            return;
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(renderer + ": an option has no name");
            }
            String key = e.getKey().trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!known.containsKey(key)) {
                throw new IllegalArgumentException(renderer + ": unknown option '" + e.getKey() + "'"
                        + Suggest.didYouMean(key, known.keySet()) + "; options are " + String.join(", ", known.keySet()));
            }
            String v = e.getValue() == null ? null : e.getValue().trim();
            if (v != null && !v.isEmpty()) {
                values.put(key, v);
            }
        }
    }

    /** The value given for {@code key}, or null. */
    String get(String key) {
        return values.get(key);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** A comma-separated list; empty when not given. */
    List<String> list(String key) {
        String v = values.get(key);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    int integer(String key, int fallback, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, "a whole number from " + min + " to " + max, v);
    }

    boolean bool(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw bad(key, "true or false", v);
        };
    }

    /** One of {@code allowed} (case-insensitive, returned lower-case). */
    String choice(String key, String fallback, List<String> allowed) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String l = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(l)) {
            throw bad(key, "one of " + String.join(", ", allowed), v);
        }
        return l;
    }

    IllegalArgumentException bad(String key, String expected, String got) {
        return new IllegalArgumentException(renderer + ": option '" + key + "' must be " + expected + ", got '" + got + "'");
    }

    /** One best "did you mean" for an option name, quoted; stricter than the runtime's (a quarter of the length, no substrings). */
    static final class Suggest {
        private Suggest() {
        }

        static String didYouMean(String name, Iterable<String> candidates) {
            String best = null;
            int bestDist = Integer.MAX_VALUE;
            for (String c : candidates) {
                int d = Suggestions.distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
                if (d < bestDist) {
                    bestDist = d;
                    best = c;
                }
            }
            return best != null && bestDist <= Math.max(2, name.length() / 4) ? " (did you mean '" + best + "'?)" : "";
        }
    }
}
