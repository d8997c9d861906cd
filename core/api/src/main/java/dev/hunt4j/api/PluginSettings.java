package dev.hunt4j.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one configured instance of a plugin (a data provider or an enricher), as read from
 * {@code hunt4j.yaml}. Values are strings, numbers, booleans, lists, maps, or {@link Secret}s (references such
 * as {@code env:NAME} and {@code file:PATH} are resolved by the host). Every error names the full key path.
 *
 * @param name     the instance name chosen by the user (e.g. {@code sentinel-prod})
 * @param keyPath  where the settings live in the config, e.g. {@code providers.sentinel-prod}
 * @param settings the raw values
 * @param baseDir  the folder relative paths are resolved against (the config file's folder)
 */
public record PluginSettings(String name, String keyPath, Map<String, Object> settings, Path baseDir) {
    public PluginSettings {
        settings = Map.copyOf(settings);
        baseDir = baseDir == null ? Path.of("").toAbsolutePath() : baseDir;
    }

    /** Settings with no values, for plugins that need none; paths resolve against the working directory. */
    public static PluginSettings empty(String name) {
        return new PluginSettings(name, "providers." + name, Map.of(), null);
    }

    /** These settings with one value added or replaced. */
    public PluginSettings with(String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(settings);
        copy.put(key, value);
        return new PluginSettings(name, keyPath, copy, baseDir);
    }

    public Optional<String> string(String key) {
        Object v = settings.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Secret s) {
            return Optional.of(s.reveal());
        }
        if (v instanceof Map || v instanceof List) {
            throw wrongType(key, "a text value", v);
        }
        return Optional.of(v.toString());
    }

    public String requiredString(String key) {
        return string(key).orElseThrow(() -> new ConfigurationException(
                "missing required setting '" + keyPath + "." + key + "'"));
    }

    public Optional<Secret> secret(String key) {
        Object v = settings.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Secret s) {
            return Optional.of(s);
        }
        if (v instanceof String s) {
            return Optional.of(new Secret(s, "inline"));
        }
        throw wrongType(key, "a secret (text, env:NAME or file:PATH)", v);
    }

    public long longValue(String key, long defaultValue) {
        Object v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw wrongType(key, "a whole number", v);
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw wrongType(key, "true or false", v);
        };
    }

    /** A duration written as ISO-8601 ({@code PT30S}) or as a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public Duration duration(String key, Duration defaultValue) {
        Object v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Durations.parse(v.toString());
        } catch (IllegalArgumentException e) {
            throw wrongType(key, "a duration such as 30s, 5m or PT1H", v);
        }
    }

    /** A path; a relative one is resolved against {@link #baseDir()}. */
    public Optional<Path> path(String key) {
        return string(key).map(baseDir::resolve);
    }

    /** A list of paths (a single value is a list of one), each resolved against {@link #baseDir()}. */
    public List<Path> pathList(String key) {
        return stringList(key).stream().map(baseDir::resolve).toList();
    }

    /** A list of strings; a single string is a list of one. */
    public List<String> stringList(String key) {
        Object v = settings.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (v instanceof Map) {
            throw wrongType(key, "a list", v);
        }
        return List.of(v.toString());
    }

    private ConfigurationException wrongType(String key, String expected, Object actual) {
        String shown = actual instanceof Secret ? actual.toString() : String.valueOf(actual);
        return new ConfigurationException("setting '" + keyPath + "." + key + "' must be " + expected
                + ", got '" + shown + "'");
    }

    @Override
    public String toString() {
        // Secrets print as Secret[source]; plain values are not secret by construction.
        return "PluginSettings[" + keyPath + "=" + settings + "]";
    }
}
