package dev.hunt4j.visualization;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A named input table read into memory (the views need every row anyway), with lenient value conversion:
 * CSV input arrives as text, analyzer output as typed values, and both must work.
 */
final class Table {
    final String name;
    final List<Column> columns;
    final List<Object[]> rows;

    private Table(String name, List<Column> columns, List<Object[]> rows) {
        this.name = name;
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads (and closes) {@code stream}. */
    static Table read(String name, ResultStream stream) {
        List<Column> cols = stream.columns();
        return new Table(name, cols, stream.toList());
    }

    /** Reads every table, closing all of them even when one fails. */
    static List<Table> readAll(String renderer, Map<String, ResultStream> tables) {
        if (tables == null || tables.isEmpty()) {
            throw new QueryException(renderer + ": no input table");
        }
        List<Table> out = new ArrayList<>();
        RuntimeException failure = null;
        for (Map.Entry<String, ResultStream> e : tables.entrySet()) {
            try {
                if (failure == null) {
                    out.add(read(e.getKey(), e.getValue()));
                } else {
                    e.getValue().close();
                }
            } catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
                try {
                    e.getValue().close();
                } catch (RuntimeException ignored) {
                    // already failing: the first error is the one to report
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /** The index of {@code column} (exact name first, then ignoring case), or -1. */
    int find(String column) {
        if (column == null) {
            return -1;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    /** The first of {@code candidates} present, or -1. */
    int findAny(String... candidates) {
        for (String c : candidates) {
            int i = find(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the column named by an option.
     *
     * @throws QueryException naming the renderer, option, column and the columns there are
     */
    int require(String renderer, String option, String column) {
        int i = find(column);
        if (i < 0) {
            throw new QueryException(renderer + ": column '" + column + "' (option '" + option + "') is not in table '" + name
                    + "'; its columns are " + columnNames());
        }
        return i;
    }

    /** The index of an optional column named by an option: -1 when the option is unset, an error when it names no column. */
    int optional(String renderer, String option, String column) {
        return column == null ? -1 : require(renderer, option, column);
    }

    String columnNames() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    String columnName(int idx) {
        return columns.get(idx).name();
    }

    /** The value as display text, or null. */
    static String text(Object[] row, int idx) {
        if (idx < 0 || idx >= row.length || row[idx] == null) {
            return null;
        }
        Object v = row[idx];
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return v.toString();
    }

    /** The value as a number, or null when empty or not numeric. */
    static Double number(Object[] row, int idx) {
        if (idx < 0 || idx >= row.length || row[idx] == null) {
            return null;
        }
        Object v = row[idx];
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Instant t) {
            return (double) t.toEpochMilli();
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException e) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true" -> 1.0;
                case "false" -> 0.0;
                default -> null;
            };
        }
    }

    /** The value as epoch milliseconds, or null. */
    static Long time(Object[] row, int idx) {
        if (idx < 0 || idx >= row.length) {
            return null;
        }
        return Times.millis(row[idx]);
    }

    /** The value as a boolean ({@code true}, {@code 1}, {@code yes}), false when empty. */
    static boolean bool(Object[] row, int idx) {
        if (idx < 0 || idx >= row.length || row[idx] == null) {
            return false;
        }
        Object v = row[idx];
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("1") || s.equals("yes") || s.equals("y");
    }
}
