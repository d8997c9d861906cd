package dev.hunt4j.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Kusto (KQL) column types as Log Analytics, Microsoft Graph and Defender name them, mapped to hunt4j types.
 * {@code guid} and {@code timespan} stay text ({@code 00:05:00}, as Kusto writes it); {@code dynamic} is kept as
 * its JSON text. The cell values themselves are read with {@link JsonValues#read}.
 */
public final class KustoTypes {
    private KustoTypes() {
    }

    /** The column type for a Kusto or .NET type name (any case); unknown names are text. */
    public static ColumnType columnType(String kustoType) {
        String t = kustoType == null ? "" : kustoType.toLowerCase(Locale.ROOT);
        if (t.startsWith("system.")) {
            t = t.substring("system.".length());
        }
        return switch (t) {
            case "datetime", "date", "datetimeoffset" -> ColumnType.TIMESTAMP;
            case "long", "int", "int64", "int32", "int16", "byte", "short", "uint", "ulong", "integer" -> ColumnType.LONG;
            case "real", "double", "float", "single", "decimal" -> ColumnType.DOUBLE;
            case "bool", "boolean", "sbyte" -> ColumnType.BOOLEAN;
            case "dynamic", "object" -> ColumnType.JSON;
            default -> ColumnType.STRING; // string, guid, timespan and anything new
        };
    }

    /**
     * Reads a Kusto column list, {@code [{"name": ..., "type": ...}, ...]}, with the parser just past its
     * {@code START_ARRAY}; returns at its {@code END_ARRAY}. Other keys are skipped; a missing type is text.
     *
     * @param keysIgnoreCase whether {@code Name}/{@code Type} count too (Graph and Defender vary the case; Log
     *                       Analytics does not, so there they are unknown keys)
     * @param noName         the error for a column without a name (the caller knows which response it was)
     */
    public static List<Column> readColumns(JsonParser p, boolean keysIgnoreCase, Supplier<? extends RuntimeException> noName)
            throws IOException {
        List<Column> cols = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
            String name = null;
            String type = null;
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                if (keysIgnoreCase ? "name".equalsIgnoreCase(field) : "name".equals(field)) {
                    name = p.getText();
                } else if (keysIgnoreCase ? "type".equalsIgnoreCase(field) : "type".equals(field)) {
                    type = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw noName.get();
            }
            cols.add(new Column(name, columnType(type)));
        }
        return cols;
    }
}
