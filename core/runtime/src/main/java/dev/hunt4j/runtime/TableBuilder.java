package dev.hunt4j.runtime;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.times.PackedLocalTime;

/**
 * Builds a Tablesaw table from a result stream, one typed appender per column chosen once from the column's
 * type, run over a batch of rows column by column, so a cell costs the column's own primitive append (no per-cell
 * virtual call or type test, no re-boxing). Tablesaw's string columns keep a dictionary, and appending to them is most of the cost: for large
 * results that work runs on a second thread alongside the reading (see {@link Pipeline}). Timestamps are packed from
 * their epoch seconds (see {@link InstantPacker}), without the rules object Tablesaw's {@code PackedInstant.pack(Instant)}
 * allocates per call ({@link java.time.ZoneOffset#getRules()}) or any date-time object; the packed value is the same.
 */
final class TableBuilder {
    /** Rows per batch handed to the builder thread; results smaller than this are built on the caller's thread. */
    static final int BATCH = 1024;
    private static final int QUEUED = 4;

    private TableBuilder() {
    }

    /** Appends column {@code col} of the first {@code n} rows (null: missing), values of the column's Java type. */
    private interface Appender {
        void add(Object[][] rows, int n, int col);
    }

    static Table build(String name, ResultStream rows) {
        Pipeline pipeline = null;
        try (rows) {
            Columns columns = new Columns(rows.columns());
            Object[][] batch = new Object[BATCH][];
            int n = 0;
            for (Object[] r = rows.next(); r != null; r = rows.next()) {
                batch[n++] = r;
                if (n == BATCH) {
                    if (pipeline == null) {
                        pipeline = new Pipeline(columns, name);
                    }
                    pipeline.put(batch);
                    batch = new Object[BATCH][];
                    n = 0;
                }
            }
            if (pipeline == null) {
                columns.append(batch, n);
            } else {
                pipeline.put(Arrays.copyOf(batch, n));
                pipeline.finish();
            }
            return Table.create(name, columns.out);
        } finally {
            if (pipeline != null) {
                pipeline.abort();
            }
        }
    }

    /** The table's columns, and one appender per column. Used by one thread at a time. */
    private static final class Columns {
        final List<Column> cols;
        final tech.tablesaw.columns.Column<?>[] out;
        final Appender[] add;
        long row;

        Columns(List<Column> cols) {
            this.cols = cols;
            int n = cols.size();
            out = new tech.tablesaw.columns.Column<?>[n];
            add = new Appender[n];
            for (int i = 0; i < n; i++) {
                String c = cols.get(i).name();
                // one loop per column type: the cell's append is a monomorphic call, not one virtual call per cell
                switch (cols.get(i).type()) {
                    case LONG -> {
                        LongColumn l = LongColumn.create(c);
                        out[i] = l;
                        add[i] = (rows, m, col) -> {
                            for (int k = 0; k < m; k++) {
                                Object v = rows[k][col];
                                if (v == null) {
                                    l.appendMissing();
                                } else {
                                    l.append(((Long) v).longValue());
                                }
                            }
                        };
                    }
                    case DOUBLE -> {
                        DoubleColumn d = DoubleColumn.create(c);
                        out[i] = d;
                        add[i] = (rows, m, col) -> {
                            for (int k = 0; k < m; k++) {
                                Object v = rows[k][col];
                                if (v == null) {
                                    d.appendMissing();
                                } else {
                                    d.append(((Double) v).doubleValue());
                                }
                            }
                        };
                    }
                    case BOOLEAN -> {
                        BooleanColumn b = BooleanColumn.create(c);
                        out[i] = b;
                        add[i] = (rows, m, col) -> {
                            for (int k = 0; k < m; k++) {
                                Object v = rows[k][col];
                                if (v == null) {
                                    b.appendMissing();
                                } else {
                                    b.append(((Boolean) v).booleanValue());
                                }
                            }
                        };
                    }
                    case TIMESTAMP -> {
                        InstantColumn t = InstantColumn.create(c);
                        out[i] = t;
                        InstantPacker packer = new InstantPacker();
                        add[i] = (rows, m, col) -> {
                            for (int k = 0; k < m; k++) {
                                Object v = rows[k][col];
                                if (v == null) {
                                    t.appendMissing();
                                } else {
                                    t.appendInternal(packer.pack((Instant) v));
                                }
                            }
                        };
                    }
                    case STRING, JSON -> {
                        StringColumn s = StringColumn.create(c);
                        out[i] = s;
                        add[i] = (rows, m, col) -> {
                            for (int k = 0; k < m; k++) {
                                Object v = rows[k][col];
                                if (v == null) {
                                    s.appendMissing();
                                } else {
                                    s.append(v.toString());
                                }
                            }
                        };
                    }
                }
            }
        }

        /**
         * Appends the first {@code n} rows of {@code batch}, column by column. A row that does not fit (too short, a value
         * of another type) fails the whole table, with the error of the first such cell row by row (see {@link #check}).
         */
        void append(Object[][] batch, int n) {
            int width = add.length;
            for (int k = 0; k < n; k++) {
                if (batch[k].length < width) {
                    check(batch, n); // names the first bad cell, which may be in an earlier row
                }
            }
            try {
                for (int i = 0; i < width; i++) {
                    add[i].add(batch, n, i);
                }
            } catch (ClassCastException e) {
                check(batch, n);
                throw e; // not reached: check finds the cell
            }
            row += n;
        }

        /** Throws the error for the first cell of the batch, row by row, that its column cannot take. */
        private void check(Object[][] batch, int n) {
            int width = add.length;
            for (int k = 0; k < n; k++) {
                Object[] r = batch[k];
                int i = 0;
                try {
                    for (; i < width; i++) {
                        Object v = r[i];
                        if (v != null) {
                            switch (cols.get(i).type()) {
                                case LONG -> ((Long) v).longValue();
                                case DOUBLE -> ((Double) v).doubleValue();
                                case BOOLEAN -> ((Boolean) v).booleanValue();
                                case TIMESTAMP -> ((Instant) v).getEpochSecond();
                                case STRING, JSON -> {
                                    // any value: appended as its text
                                }
                            }
                        }
                    }
                } catch (ClassCastException | ArrayIndexOutOfBoundsException e) {
                    throw badRow(cols, row + k, r, i, e);
                }
            }
        }
    }
    /**
     * Builds the columns on a second thread while the caller's thread reads (parses) the next rows, so a large
     * result costs about the larger of the two instead of their sum. Started only once a result has a full
     * batch; at most {@code QUEUED} batches wait, so memory stays bounded. The rows are the stream's own arrays,
     * which belong to the caller once returned (see {@link ResultStream#next()}).
     */
    private static final class Pipeline implements Runnable {
        private static final Object[][] END = new Object[0][];
        private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(QUEUED);
        private final Columns columns;
        private final Thread thread;
        private volatile Throwable failure;

        Pipeline(Columns columns, String name) {
            this.columns = columns;
            thread = new Thread(this, "hunt4j-table-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                for (Object[][] b = queue.take(); b != END; b = queue.take()) {
                    columns.append(b, b.length);
                }
            } catch (InterruptedException e) {
                // aborted by the reading thread, which reports its own failure
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** Hands over a batch, waiting while the queue is full; throws the builder's failure if it had one. */
        void put(Object[][] batch) {
            try {
                while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    rethrowFailure();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Hunt4jException("interrupted while building a table", e);
            }
            rethrowFailure();
        }

        /** Waits until every batch is in the columns. */
        void finish() {
            put(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Hunt4jException("interrupted while building a table", e);
            }
            rethrowFailure();
        }

        /** Stops the builder if it is still running (the reading thread failed); a no-op after {@link #finish()}. */
        void abort() {
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }

        private void rethrowFailure() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new Hunt4jException("building the table failed", t);
            }
        }
    }

    /**
     * Packs instants as Tablesaw's {@code PackedInstant.pack} does (the UTC date in the high int, the time of day to the
     * millisecond in the low one) from their epoch seconds, without the {@code LocalDateTime}, {@code LocalDate} and
     * {@code LocalTime} it makes per value: the date is packed once per day, as instants in a column mostly share it.
     */
    static final class InstantPacker {
        private long day = Long.MIN_VALUE;
        private int date;

        long pack(Instant t) {
            long s = t.getEpochSecond();
            long d = Math.floorDiv(s, 86_400);
            int sec = (int) Math.floorMod(s, 86_400);
            if (d != day) {
                date = PackedLocalDate.pack(LocalDate.ofEpochDay(d)); // throws as LocalDateTime.ofEpochSecond does out of range
                day = d;
            }
            int time = PackedLocalTime.of(sec / 3600, sec / 60 % 60, sec % 60, t.getNano() / 1_000_000);
            return (long) date << 32 | time & 0xFFFFFFFFL;
        }
    }

    private static Hunt4jException badRow(List<Column> cols, long row, Object[] r, int i, RuntimeException e) {
        if (i >= r.length) {
            return new Hunt4jException("row " + row + " has " + r.length + " values but the result has " + cols.size()
                    + " columns " + cols.stream().map(Column::name).toList(), e);
        }
        Column c = cols.get(i);
        return new Hunt4jException("column " + c.name() + " is " + c.type() + " (" + c.type().javaType().getSimpleName()
                + ") but row " + row + " has a " + r[i].getClass().getSimpleName() + " there", e);
    }
}
