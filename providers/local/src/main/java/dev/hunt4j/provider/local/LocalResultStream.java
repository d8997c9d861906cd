package dev.hunt4j.provider.local;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the rows of one query: reads the files one after another, types each value, applies the time
 * range, then pulls rows through the query's operators (a chain of {@link Source}s). Holds at most one
 * file open and never more rows than the type-inference sample.
 */
final class LocalResultStream implements ResultStream {
    private static final Logger LOG = LoggerFactory.getLogger(LocalResultStream.class);
    /** Names tried in order when no time column is configured. */
    static final List<String> TIME_COLUMN_NAMES =
            List.of("TimeGenerated", "TimeCreatedUtc", "Timestamp", "timestamp", "@timestamp", "_time", "EventTime");

    /** A pull-based row source; {@code null} means no more rows. */
    interface Source {
        Object[] next();
    }

    private final List<Path> files;
    private final LocalSettings settings;
    private final Cancellation cancellation;
    private final TimeRange range;
    private final List<Column> fileColumns;
    private final ColumnType[] types;
    private final String schemaFile;
    private final int schemaSampled;
    private int fileIndex;
    private DataFile current;
    private int[] map;
    private long[] nullified;
    private int timeIndex = -1;
    private Source head;
    private List<Column> columns;
    private boolean closed;

    private LocalResultStream(List<Path> files, LocalSettings settings, QueryOptions options) {
        this.files = files;
        this.settings = settings;
        this.cancellation = options.cancellation();
        this.range = options.timeRange();
        // the first file with any columns decides the schema; empty files before it contribute nothing
        DataFile first = null;
        for (fileIndex = 0; fileIndex < files.size(); fileIndex++) {
            DataFile f = DataFile.open(files.get(fileIndex), settings.sampleRows());
            if (!f.names().isEmpty()) {
                first = f;
                break;
            }
            f.close();
        }
        current = first;
        List<Column> cols = new ArrayList<>();
        if (first != null) {
            for (int i = 0; i < first.names().size(); i++) {
                cols.add(new Column(first.names().get(i), first.types().get(i)));
            }
        }
        this.fileColumns = List.copyOf(cols);
        this.types = cols.stream().map(Column::type).toArray(ColumnType[]::new);
        this.schemaFile = first == null ? files.get(0).toString() : first.path().toString();
        this.schemaSampled = first == null ? 0 : first.sampledRows();
        this.nullified = new long[types.length];
    }

    /**
     * Opens the first file, checks the time column, and compiles the query's operators against the columns.
     *
     * @throws QueryException for unknown columns, type mismatches in the query, or a time range without a time column
     */
    static LocalResultStream open(Ast.Query query, List<Path> files, LocalSettings settings, QueryOptions options) {
        LocalResultStream rs = new LocalResultStream(files, settings, options);
        try {
            rs.timeIndex = rs.findTimeColumn();
            rs.build(query, options.maxRows());
            return rs;
        } catch (RuntimeException e) {
            rs.close();
            throw e;
        }
    }

    private int findTimeColumn() {
        if (range == null) {
            return -1;
        }
        String kp = settings.keyPath() + ".time_column";
        if (settings.timeColumn().isPresent()) {
            String name = settings.timeColumn().get();
            for (int i = 0; i < fileColumns.size(); i++) {
                if (fileColumns.get(i).name().equals(name)) {
                    if (types[i] != ColumnType.TIMESTAMP) {
                        throw new QueryException("time column '" + name + "' (setting '" + kp + "') of " + schemaFile
                                + " holds " + types[i] + " values, not timestamps; columns: " + describe(fileColumns));
                    }
                    return i;
                }
            }
            throw new QueryException("time column '" + name + "' (setting '" + kp + "') is not a column of " + schemaFile
                    + "; columns: " + describe(fileColumns));
        }
        for (String name : TIME_COLUMN_NAMES) {
            for (int i = 0; i < fileColumns.size(); i++) {
                if (types[i] == ColumnType.TIMESTAMP && fileColumns.get(i).name().equals(name)) {
                    return i;
                }
            }
        }
        for (int i = 0; i < types.length; i++) {
            if (types[i] == ColumnType.TIMESTAMP) {
                return i;
            }
        }
        throw new QueryException("a time range (" + range + ") was given but " + schemaFile
                + " has no timestamp column to apply it to; columns: " + describe(fileColumns)
                + ". Set '" + kp + "' or run the query without a time range");
    }

    private static String describe(List<Column> cols) {
        if (cols.isEmpty()) {
            return "none (the file is empty)";
        }
        StringJoiner j = new StringJoiner(", ");
        cols.forEach(c -> j.add(c.name() + " (" + c.type() + ")"));
        return j.toString();
    }

    private void build(Ast.Query query, long maxRows) {
        Source src = this::readRow;
        List<Column> cols = fileColumns;
        String text = query.text();
        for (Ast.Stage stage : query.stages()) {
            if (stage instanceof Ast.Where w) {
                Predicate<Object[]> test = Predicates.compile(w.expr(), cols, text);
                Source up = src;
                src = () -> {
                    for (Object[] r = up.next(); r != null; r = up.next()) {
                        if (test.test(r)) {
                            return r;
                        }
                    }
                    return null;
                };
            } else if (stage instanceof Ast.Project pr) {
                int[] idx = new int[pr.columns().size()];
                Set<String> seen = new HashSet<>();
                List<Column> out = new ArrayList<>();
                for (int k = 0; k < idx.length; k++) {
                    Ast.ColRef ref = pr.columns().get(k);
                    idx[k] = Predicates.index(ref, cols, text);
                    if (!seen.add(ref.name())) {
                        throw new QueryException("column '" + ref.name() + "' appears twice in project at "
                                + QueryParser.at(text, ref.pos()) + QueryParser.pointer(text, ref.pos()));
                    }
                    out.add(cols.get(idx[k]));
                }
                src = projection(src, idx);
                cols = List.copyOf(out);
            } else if (stage instanceof Ast.ProjectAway pa) {
                Set<Integer> away = new HashSet<>();
                for (Ast.ColRef ref : pa.columns()) {
                    away.add(Predicates.index(ref, cols, text));
                }
                List<Column> out = new ArrayList<>();
                int[] idx = new int[cols.size() - away.size()];
                for (int i = 0, k = 0; i < cols.size(); i++) {
                    if (!away.contains(i)) {
                        idx[k++] = i;
                        out.add(cols.get(i));
                    }
                }
                src = projection(src, idx);
                cols = List.copyOf(out);
            } else if (stage instanceof Ast.Take t) {
                src = take(src, t.rows());
            } else if (stage instanceof Ast.Count) {
                Source up = src;
                src = new Source() {
                    private boolean done;

                    @Override
                    public Object[] next() {
                        if (done) {
                            return null;
                        }
                        long count = 0;
                        while (up.next() != null) {
                            count++;
                        }
                        done = true;
                        return new Object[] {count};
                    }
                };
                cols = List.of(new Column("Count", ColumnType.LONG));
            }
        }
        if (maxRows > 0) {
            src = take(src, maxRows);
        }
        head = src;
        columns = cols;
    }

    private static Source projection(Source up, int[] idx) {
        return () -> {
            Object[] r = up.next();
            if (r == null) {
                return null;
            }
            Object[] o = new Object[idx.length];
            for (int k = 0; k < idx.length; k++) {
                o[k] = r[idx[k]];
            }
            return o;
        };
    }

    private static Source take(Source up, long limit) {
        return new Source() {
            private long taken;

            @Override
            public Object[] next() {
                // once the limit is reached the upstream is not read again, so the file is not read to its end
                if (taken >= limit) {
                    return null;
                }
                Object[] r = up.next();
                if (r != null) {
                    taken++;
                }
                return r;
            }
        };
    }

    /** The next typed row of the files, inside the time range. */
    private Object[] readRow() {
        while (true) {
            if (current == null && !advance()) {
                return null;
            }
            if (cancellation.isCancelled()) {
                throw new QueryException("query cancelled while reading " + current.path());
            }
            Object[] raw = current.next();
            if (raw == null) {
                finishFile();
                continue;
            }
            Object[] row = new Object[types.length];
            if (timeIndex >= 0) {
                Object t = typed(raw, timeIndex);
                if (t == null || !range.contains((Instant) t)) {
                    continue;
                }
                row[timeIndex] = t;
            }
            for (int c = 0; c < types.length; c++) {
                if (c != timeIndex) {
                    row[c] = typed(raw, c);
                }
            }
            return row;
        }
    }

    private Object typed(Object[] raw, int c) {
        Object v = raw[map == null ? c : map[c]];
        Object t = Values.convert(v, types[c]);
        if (t != Values.MISMATCH) {
            return t;
        }
        String column = fileColumns.get(c).name();
        if (!settings.nullOnTypeError()) {
            throw new QueryException(current.path() + " line " + current.line() + ", column '" + column + "': value '"
                    + Values.shown(v) + "' is not " + types[c] + " (the type inferred from the first " + schemaSampled
                    + " rows of " + schemaFile + "). Set '" + settings.keyPath() + ".on_type_error: null' to read such values"
                    + " as null, or raise '" + settings.keyPath() + ".sample_rows'");
        }
        if (nullified[c]++ == 0) {
            LOG.warn("{} line {}, column '{}': value '{}' is not {}; returning null (on_type_error: null)",
                    current.path(), current.line(), column, Values.shown(v), types[c]);
        }
        return null;
    }

    private void finishFile() {
        for (int c = 0; c < nullified.length; c++) {
            if (nullified[c] > 1) {
                LOG.warn("{}: {} values in column '{}' were not {} and were returned as null", current.path(),
                        nullified[c], fileColumns.get(c).name(), types[c]);
            }
            nullified[c] = 0;
        }
        current.close();
        current = null;
    }

    /** Opens the next non-empty file and maps its columns onto the schema; false when there is none. */
    private boolean advance() {
        while (++fileIndex < files.size()) {
            DataFile f = DataFile.open(files.get(fileIndex), settings.sampleRows());
            if (f.names().isEmpty()) {
                f.close();
                continue;
            }
            current = f;
            map = columnMap(f);
            return true;
        }
        return false;
    }

    private int[] columnMap(DataFile f) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < f.names().size(); i++) {
            pos.put(f.names().get(i), i);
        }
        List<String> missing = new ArrayList<>();
        int[] m = new int[fileColumns.size()];
        for (int c = 0; c < m.length; c++) {
            Integer i = pos.remove(fileColumns.get(c).name());
            if (i == null) {
                missing.add(fileColumns.get(c).name());
            } else {
                m[c] = i;
            }
        }
        if (!missing.isEmpty() || !pos.isEmpty()) {
            throw new QueryException("files " + schemaFile + " and " + f.path() + " have different columns"
                    + (missing.isEmpty() ? "" : "; only in the first: " + missing)
                    + (pos.isEmpty() ? "" : "; only in the second: " + f.names().stream().filter(pos::containsKey).toList())
                    + ". Files read together (a glob) must have the same columns");
        }
        return m;
    }

    /** The file being read, for tests that check buffering. */
    DataFile currentFile() {
        return current;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        try {
            Object[] row = head.next();
            if (row == null) {
                close();
            }
            return row;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
