package dev.hunt4j.runtime;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The result of a query: read it as a stream (constant memory) or, for results that fit in memory, as a
 * Tablesaw {@link Table}. Either way it can be read once.
 */
public final class QueryResult implements AutoCloseable {
    private final String name;
    private final String queryText;
    private final ResultStream stream;

    QueryResult(String name, String queryText, ResultStream stream) {
        this.name = name;
        this.queryText = queryText;
        this.stream = stream;
    }

    /** The query's name, or {@code "query"} for a text query. */
    public String name() {
        return name;
    }

    /** The query text as sent to the backend, parameters rendered. */
    public String queryText() {
        return queryText;
    }

    public List<Column> columns() {
        return stream.columns();
    }

    /** The rows as a stream; the caller closes it (closing this result does too). */
    public ResultStream stream() {
        return stream;
    }

    /** Reads all rows into a table named after the query, and closes the stream. */
    public Table toTable() {
        return toTable(name, stream);
    }

    /** Reads a result stream into a Tablesaw table; JSON columns become text columns. */
    public static Table toTable(String name, ResultStream rows) {
        try (rows) {
            List<Column> cols = rows.columns();
            tech.tablesaw.columns.Column<?>[] out = new tech.tablesaw.columns.Column<?>[cols.size()];
            for (int i = 0; i < out.length; i++) {
                String n = cols.get(i).name();
                out[i] = switch (cols.get(i).type()) {
                    case LONG -> LongColumn.create(n);
                    case DOUBLE -> DoubleColumn.create(n);
                    case BOOLEAN -> BooleanColumn.create(n);
                    case TIMESTAMP -> InstantColumn.create(n);
                    case STRING, JSON -> StringColumn.create(n);
                };
            }
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                for (int i = 0; i < out.length; i++) {
                    append(out[i], row[i]);
                }
            }
            return Table.create(name, out);
        }
    }

    private static void append(tech.tablesaw.columns.Column<?> c, Object v) {
        if (v == null) {
            c.appendMissing();
        } else if (c instanceof LongColumn l) {
            l.append((Long) v);
        } else if (c instanceof DoubleColumn d) {
            d.append((Double) v);
        } else if (c instanceof BooleanColumn b) {
            b.append((Boolean) v);
        } else if (c instanceof InstantColumn t) {
            t.append((Instant) v);
        } else {
            ((StringColumn) c).append(v.toString());
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
