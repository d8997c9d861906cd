package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table held in memory: typed columns and rows of values (each {@code null} or of its column's
 * {@link ColumnType#javaType()}). Investigation results are investigation-sized, and steps read their inputs more
 * than once (a report section, a renderer, the next step), so the pipeline keeps them as plain row lists rather
 * than re-running queries. Immutable once built; {@link #stream()} may be called any number of times.
 */
public final class DataTable {
    private final String name;
    private final List<Column> columns;
    private final List<Object[]> rows;

    /**
     * @param name    the table's name (the step output it came from)
     * @param columns its columns
     * @param rows    its rows, aligned with {@code columns}; the list is kept as given, not copied
     */
    public DataTable(String name, List<Column> columns, List<Object[]> rows) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.rows = Collections.unmodifiableList(rows);
    }

    /** Reads a result stream to its end (and closes it). */
    public static DataTable read(String name, ResultStream stream) {
        try (stream) {
            List<Column> cols = stream.columns();
            List<Object[]> rows = new ArrayList<>();
            for (Object[] row = stream.next(); row != null; row = stream.next()) {
                rows.add(row.length == cols.size() ? row : java.util.Arrays.copyOf(row, cols.size()));
            }
            return new DataTable(name, cols, rows);
        }
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Object[]> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** The same table under another name. */
    public DataTable named(String newName) {
        return new DataTable(newName, columns, rows);
    }

    /** A new stream over the rows (rows are shared; do not change them). */
    public ResultStream stream() {
        return ResultStream.of(columns, rows);
    }

    /** The index of a column (exact name first, then ignoring case), or -1. */
    public int indexOf(String column) {
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

    /**
     * The index of a column.
     *
     * @throws QueryException naming the table and its columns when there is no such column
     */
    public int require(String column) {
        int i = indexOf(column);
        if (i < 0) {
            throw new QueryException("table '" + name + "' has no column '" + column + "'; its columns are " + columnNames());
        }
        return i;
    }

    /** The column names, comma-separated, for messages. */
    public String columnNames() {
        return columns.isEmpty() ? "(none)" : columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** A value as text: ISO-8601 for times, empty for null. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant t) {
            return t.toString();
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return value.toString();
    }

    /** The table as CSV (RFC 4180, header row, {@code \n} line ends). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(csvField(columns.get(i).name()));
        }
        sb.append('\n');
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : ",").append(csvField(text(row[i])));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String csvField(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "DataTable[" + name + ", " + columns.size() + " columns, " + rows.size() + " rows]";
    }
}
