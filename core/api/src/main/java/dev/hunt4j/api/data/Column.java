package dev.hunt4j.api.data;

import java.util.Objects;

/**
 * A named, typed result column.
 *
 * @param name column name as the backend returned it
 * @param type value type
 */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
