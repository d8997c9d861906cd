package dev.hunt4j.api.data;

import java.time.Instant;

/** The type of a result column and the Java type its values have in a {@link ResultStream} row. */
public enum ColumnType {
    /** {@link String}. */
    STRING(String.class),
    /** {@link Long}. */
    LONG(Long.class),
    /** {@link Double}. */
    DOUBLE(Double.class),
    /** {@link Boolean}. */
    BOOLEAN(Boolean.class),
    /** {@link Instant} (UTC). */
    TIMESTAMP(Instant.class),
    /** Nested data (objects, arrays, KQL {@code dynamic}) kept as its JSON text, a {@link String}. */
    JSON(String.class);

    private final Class<?> javaType;

    ColumnType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java class of non-null values in this column. */
    public Class<?> javaType() {
        return javaType;
    }
}
