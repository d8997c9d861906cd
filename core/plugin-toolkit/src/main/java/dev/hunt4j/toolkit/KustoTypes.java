package dev.hunt4j.toolkit;

import dev.hunt4j.api.data.ColumnType;
import java.util.Locale;

/**
 * Kusto (KQL) column types as Log Analytics, Microsoft Graph and Defender name them, mapped to hunt4j types.
 * {@code guid} and {@code timespan} stay text ({@code 00:05:00}, as Kusto writes it); {@code dynamic} is kept as
 * its JSON text.
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
}
