package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.TimeRange;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parameter an investigation declares.
 *
 * @param name         the name used in {@code ${name}} references and on the command line ({@code --param name=value})
 * @param type         its type
 * @param description  what to give, shown by {@code --list} and in prompts
 * @param defaultValue the default as written in the file (converted when used), or {@code null} when there is none
 * @param hasDefault   whether a default is declared (an empty text default is a default)
 * @param prompt       whether a terminal run asks for it when no value was given (default true)
 * @param choices      the allowed values (text form), or empty for any
 * @param line         the line of its definition
 */
public record ParameterSpec(String name, Type type, String description, Object defaultValue, boolean hasDefault, boolean prompt,
                            List<String> choices, int line) {

    /** Parameter types; {@link #id()} is how they are written in a pipeline file. */
    public enum Type {
        /** Text. */
        STR,
        /** A whole number ({@link Long}). */
        INT,
        /** A number ({@link Double}). */
        FLOAT,
        /** true/false, yes/no ({@link Boolean}). */
        BOOL,
        /** A point in time ({@link Instant}): ISO-8601, {@code now}, {@code -7d}. */
        DATETIME,
        /** A {@link TimeRange}, or {@code null} for no time filter: see {@link TimeRanges}. */
        TIMERANGE,
        /** A list of text values ({@code List<String>}), comma-separated on the command line. */
        LIST;

        /** The lower-case name. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a type name ({@code str}/{@code string}, {@code int}, {@code float}, {@code bool}, ...), or null. */
        public static Type parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "str", "string", "text" -> STR;
                case "int", "integer" -> INT;
                case "float", "number", "double" -> FLOAT;
                case "bool", "boolean" -> BOOL;
                case "datetime", "time" -> DATETIME;
                case "timerange", "time_range", "range" -> TIMERANGE;
                case "list" -> LIST;
                default -> null;
            };
        }

        /** The type names accepted in pipeline files. */
        public static String names() {
            return "str, int, float, bool, datetime, timerange, list";
        }
    }

    public ParameterSpec {
        choices = List.copyOf(choices);
    }

    /** Whether a value must be given (there is no default). */
    public boolean required() {
        return !hasDefault;
    }

    /**
     * Converts a value (text from the command line or a file, or a value read from YAML) to this parameter's type.
     * The result is {@code null} only for a {@link Type#TIMERANGE} meaning "all time".
     *
     * @throws IllegalArgumentException naming the parameter, the value and what was expected
     */
    public Object convert(Object value, Clock clock) {
        try {
            Object v = convertValue(value, clock);
            if (!choices.isEmpty() && !choices.contains(text(v))) {
                throw new IllegalArgumentException("one of " + String.join(", ", choices) + " is needed");
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "' (" + type.id() + "): '" + textOfRaw(value)
                    + "' is not valid: " + e.getMessage());
        }
    }

    private static String textOfRaw(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    private Object convertValue(Object value, Clock clock) {
        if (value == null) {
            if (type == Type.TIMERANGE) {
                return null;
            }
            if (type == Type.STR) {
                return "";
            }
            if (type == Type.LIST) {
                return List.of();
            }
            throw new IllegalArgumentException("a value is needed");
        }
        switch (type) {
            case STR -> {
                if (value instanceof Collection) {
                    throw new IllegalArgumentException("text is needed, not a list");
                }
                return value instanceof Instant || value instanceof java.util.Date ? instantOf(value, clock).toString() : value.toString();
            }
            case INT -> {
                if (value instanceof Long || value instanceof Integer) {
                    return ((Number) value).longValue();
                }
                if (value instanceof BigInteger b) {
                    return b.longValueExact();
                }
                String s = value.toString().trim().replace("_", "");
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a whole number is needed");
                }
            }
            case FLOAT -> {
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                try {
                    double d = Double.parseDouble(value.toString().trim());
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a number is needed");
                }
            }
            case BOOL -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "y", "on", "1" -> Boolean.TRUE;
                    case "false", "no", "n", "off", "0" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("true or false is needed");
                };
            }
            case DATETIME -> {
                return instantOf(value, clock);
            }
            case TIMERANGE -> {
                if (value instanceof TimeRange r) {
                    return r;
                }
                return TimeRanges.parse(value.toString(), clock);
            }
            default -> {
                List<String> out = new ArrayList<>();
                if (value instanceof Collection<?> c) {
                    for (Object o : c) {
                        if (o != null && !o.toString().isBlank()) {
                            out.add(o instanceof Instant || o instanceof java.util.Date ? instantOf(o, clock).toString() : o.toString().trim());
                        }
                    }
                } else {
                    for (String part : value.toString().split(",")) {
                        if (!part.isBlank()) {
                            out.add(part.trim());
                        }
                    }
                }
                return List.copyOf(out);
            }
        }
    }

    private static Instant instantOf(Object value, Clock clock) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant(); // SnakeYAML reads unquoted timestamps as dates
        }
        return TimeRanges.point(value.toString(), clock);
    }

    /** A converted value as text, in the form {@link #convert} reads back (lists comma-separated, ranges as {@code a..b}). */
    public static String text(Object value) {
        if (value == null) {
            return "all";
        }
        if (value instanceof TimeRange r) {
            return TimeRanges.format(r);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(ParameterSpec::text).collect(Collectors.joining(","));
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        return DataTable.text(value);
    }

    /** The default as text (for prompts and {@code --list}), or {@code null} when there is none. */
    public String defaultText() {
        if (!hasDefault) {
            return null;
        }
        if (defaultValue == null) {
            return type == Type.TIMERANGE ? "all" : "";
        }
        return text(defaultValue);
    }
}
