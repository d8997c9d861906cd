package dev.hunt4j.runtime.query;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a query definition, after merging the file's {@code defaults.parameters} with the
 * source's own {@code parameters}.
 *
 * @param name         the name used in {@code {name}} placeholders
 * @param type         one of {@code str, int, float, bool, datetime, list}
 * @param description  what the parameter means (empty when the file has none)
 * @param defaultValue the default as written in the file (String, Long, Double, Boolean or List), or
 *                     {@code null} when the parameter is required
 * @param aliases      other names a caller may use for this parameter
 */
public record QueryParameter(String name, String type, String description, Object defaultValue, List<String> aliases) {
    /** The parameter types the query format knows. */
    public static final List<String> TYPES = List.of("str", "int", "float", "bool", "datetime", "list");

    public QueryParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Whether the caller must give a value (the file gives no default). */
    public boolean required() {
        return defaultValue == null;
    }
}
