package dev.hunt4j.analysis.timeseries;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Time-series anomalies over a table: one STL decomposition per series, series split by {@code groupBy} columns
 * and decomposed in parallel. The input is either a series already (a time column and a value column, one row per
 * point) or raw events counted (or summed) into time buckets, empty buckets being 0.
 *
 * <p>Results ({@link Result}): {@code SERIES} gives input + {@code residual, trend, seasonal, weights, baseline,
 * score, anomalies} (MSTICPy's columns); with buckets the rows are the buckets: group columns, the time column (bucket
 * start), the value (a {@code Count} column when counting), then the same columns. {@code PERIODS} gives the merged
 * anomaly periods per series ({@code start, end}); {@code KQL} a KQL time filter per series.
 *
 * <p>Points with the same time in one series are merged ({@link Duplicates}); rows are sorted by time; missing or
 * non-numeric values are missing points (interpolated for the decomposition, never flagged).
 */
public final class TimeSeriesAnalyzer implements Analyzer {
    /** The output columns added to each point, in order. */
    public static final List<String> ADDED_COLUMNS = List.of("residual", "trend", "seasonal", "weights", "baseline", "score", "anomalies");

    /** What the analyzer returns. */
    public enum Result {
        /** One row per point with the decomposition and flags. */
        SERIES,
        /** One row per merged anomaly period: group columns, start, end. */
        PERIODS,
        /** One row per series with a KQL time filter for its anomaly periods. */
        KQL
    }

    /** How points with the same time (in one series) are merged. */
    public enum Duplicates {
        /** Add their values (the first row stands for the point). */
        SUM,
        /** Average their values. */
        MEAN,
        /** Refuse: a clear error naming the time. */
        ERROR
    }

    private final TimeSeriesAnomalies detector;
    private final String timeColumn;
    private final String valueColumn;
    private final List<String> groupBy;
    private final Duration bucket;
    private final boolean count;
    private final Duplicates duplicates;
    private final Result result;
    private final Duration anomalyPeriod;
    private final boolean positiveOnly;

    private TimeSeriesAnalyzer(Builder b) {
        this.detector = b.detector.build();
        this.timeColumn = Objects.requireNonNull(b.timeColumn, "timeColumn");
        this.valueColumn = b.valueColumn;
        this.groupBy = List.copyOf(b.groupBy);
        this.bucket = b.bucket;
        this.count = b.count;
        this.duplicates = b.duplicates;
        this.result = b.result;
        this.anomalyPeriod = b.anomalyPeriod;
        this.positiveOnly = b.positiveOnly != null ? b.positiveOnly : detector.scoring() == Scoring.MSTICPY;
        if (count && bucket == null) {
            throw new IllegalArgumentException("counting events needs a bucket size (e.g. bucket=1h)");
        }
        if (!count && valueColumn == null) {
            throw new IllegalArgumentException("give a value column, or count events per bucket (count=true with bucket=1h)");
        }
        if (bucket != null && (bucket.isNegative() || bucket.isZero())) {
            throw new IllegalArgumentException("bucket must be a positive duration, got " + bucket);
        }
    }

    /** A builder: time column TimeGenerated, MSTICPy's STL settings, robust scoring. */
    public static Builder builder() {
        return new Builder();
    }

    /** The detector (STL settings, scoring) in use. */
    public TimeSeriesAnomalies detector() {
        return detector;
    }

    @Override
    public ResultStream analyze(ResultStream input) {
        try (input) {
            List<Column> cols = input.columns();
            int timeIdx = index(cols, timeColumn, "time");
            int valueIdx = count ? -1 : index(cols, valueColumn, "value");
            int[] groupIdx = new int[groupBy.size()];
            for (int i = 0; i < groupIdx.length; i++) {
                groupIdx[i] = index(cols, groupBy.get(i), "group-by");
            }
            Map<List<Object>, Points> groups = new LinkedHashMap<>();
            long rowNo = 0;
            for (Object[] row = input.next(); row != null; row = input.next()) {
                rowNo++;
                List<Object> key = groupKey(row, groupIdx);
                Points pts = groups.computeIfAbsent(key, k -> new Points());
                long t;
                try {
                    t = EventTime.parse(row[timeIdx]);
                } catch (IllegalArgumentException e) {
                    throw new QueryException("row " + rowNo + ", column '" + timeColumn + "': " + e.getMessage());
                }
                if (t == EventTime.MISSING) {
                    throw new QueryException("row " + rowNo + " has no time in column '" + timeColumn + "'");
                }
                double v = count ? 1.0 : number(row[valueIdx]);
                pts.add(t, v, bucket == null ? row : null);
            }
            if (groups.isEmpty()) {
                throw new QueryException("the input has no rows: a time series needs at least two periods ("
                        + 2 * detector.stl().period() + " points)");
            }
            List<List<Object>> keys = new ArrayList<>(groups.keySet());
            List<Series> series = bucket == null ? points(groups, keys) : buckets(groups, keys);
            List<double[]> values = new ArrayList<>(series.size());
            List<String> labels = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                values.add(series.get(i).values);
                labels.add(label(keys.get(i)));
            }
            List<SeriesAnomalies> found;
            try {
                found = detector.detectAll(values, labels);
            } catch (IllegalArgumentException e) {
                throw new QueryException(e.getMessage(), e);
            }
            return switch (result) {
                case SERIES -> seriesRows(cols, valueIdx, keys, series, found);
                case PERIODS -> periodRows(keys, series, found);
                case KQL -> kqlRows(keys, series, found);
            };
        }
    }

    private static int index(List<Column> cols, String name, String role) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new QueryException("the " + role + " column '" + name + "' is not in the input; its columns are "
                + cols.stream().map(Column::name).toList());
    }

    private static List<Object> groupKey(Object[] row, int[] idx) {
        if (idx.length == 0) {
            return List.of();
        }
        Object[] k = new Object[idx.length];
        for (int i = 0; i < idx.length; i++) {
            k[i] = row[idx[i]];
        }
        return Arrays.asList(k);
    }

    private String label(List<Object> key) {
        if (key.isEmpty()) {
            return "the series";
        }
        StringBuilder sb = new StringBuilder("series ");
        for (int i = 0; i < key.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(groupBy.get(i)).append('=').append(key.get(i) == null ? "(empty)" : key.get(i));
        }
        return sb.toString();
    }

    private static double number(Object v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN; // not a number: a missing point, as pandas' to_numeric(errors="coerce")
        }
    }

    /** Raw rows of one group: parallel growable arrays. */
    private static final class Points {
        long[] t = new long[64];
        double[] v = new double[64];
        Object[][] rows;
        int n;

        void add(long time, double value, Object[] row) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
                if (rows != null) {
                    rows = Arrays.copyOf(rows, n * 2);
                }
            }
            if (row != null && rows == null) {
                rows = new Object[t.length][];
            }
            t[n] = time;
            v[n] = value;
            if (row != null) {
                rows[n] = row;
            }
            n++;
        }
    }

    /** One series ready for decomposition: times, values, and (without buckets) the row standing for each point. */
    private record Series(long[] times, double[] values, Object[][] rows, boolean[] merged) {
    }

    private List<Series> points(Map<List<Object>, Points> groups, List<List<Object>> keys) {
        List<Series> out = new ArrayList<>(keys.size());
        for (List<Object> key : keys) {
            Points p = groups.get(key);
            Integer[] order = new Integer[p.n];
            for (int i = 0; i < p.n; i++) {
                order[i] = i;
            }
            long[] tt = p.t;
            Arrays.sort(order, (a, b) -> Long.compare(tt[a], tt[b])); // stable: the first row at a time stands for it
            long[] times = new long[p.n];
            double[] vals = new double[p.n];
            Object[][] rows = new Object[p.n][];
            boolean[] merged = new boolean[p.n];
            int[] present = new int[p.n];
            int m = 0;
            for (int k = 0; k < p.n; k++) {
                int i = order[k];
                double v = p.v[i];
                if (m > 0 && times[m - 1] == p.t[i]) {
                    if (duplicates == Duplicates.ERROR) {
                        throw new QueryException(label(key) + " has more than one value at " + EventTime.ofNanos(p.t[i])
                                + " (merge them with duplicates=sum or mean)");
                    }
                    merged[m - 1] = true;
                    if (!Double.isNaN(v)) {
                        vals[m - 1] = present[m - 1] == 0 ? v : vals[m - 1] + v;
                        present[m - 1]++;
                    }
                    continue;
                }
                times[m] = p.t[i];
                vals[m] = v;
                present[m] = Double.isNaN(v) ? 0 : 1;
                rows[m] = p.rows[i];
                m++;
            }
            if (duplicates == Duplicates.MEAN) {
                for (int i = 0; i < m; i++) {
                    if (present[i] > 1) {
                        vals[i] /= present[i];
                    }
                }
            }
            out.add(new Series(Arrays.copyOf(times, m), Arrays.copyOf(vals, m), Arrays.copyOf(rows, m), Arrays.copyOf(merged, m)));
        }
        return out;
    }

    private List<Series> buckets(Map<List<Object>, Points> groups, List<List<Object>> keys) {
        long b = bucket.toNanos();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Points p : groups.values()) {
            for (int i = 0; i < p.n; i++) {
                long s = Math.floorDiv(p.t[i], b);
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        long len = max - min + 1;
        if (len > 50_000_000L) {
            throw new QueryException("bucketing by " + bucket + " makes " + len + " points per series: choose a larger bucket");
        }
        List<Series> out = new ArrayList<>(keys.size());
        for (List<Object> key : keys) {
            Points p = groups.get(key);
            double[] vals = new double[(int) len];
            for (int i = 0; i < p.n; i++) {
                double v = p.v[i];
                if (!Double.isNaN(v)) {
                    vals[(int) (Math.floorDiv(p.t[i], b) - min)] += v;
                }
            }
            long[] times = new long[(int) len];
            for (int i = 0; i < len; i++) {
                times[i] = (min + i) * b;
            }
            out.add(new Series(times, vals, null, null));
        }
        return out;
    }

    private ResultStream seriesRows(List<Column> in, int valueIdx, List<List<Object>> keys, List<Series> series, List<SeriesAnomalies> found) {
        boolean longs = detector.scoring() == Scoring.MSTICPY;
        ColumnType comp = longs ? ColumnType.LONG : ColumnType.DOUBLE;
        List<Column> cols = new ArrayList<>();
        int width;
        // input columns named like the added ones (a table that was scored before) are replaced, as MSTICPy does
        int[] keep = new int[in.size()];
        int kept = 0;
        int valueOut = -1;
        if (bucket == null) {
            for (int c = 0; c < in.size(); c++) {
                if (!ADDED_COLUMNS.contains(in.get(c).name())) {
                    if (c == valueIdx) {
                        valueOut = kept;
                    }
                    keep[kept++] = c;
                    cols.add(in.get(c));
                }
            }
        } else {
            for (String g : groupBy) {
                cols.add(new Column(g, ColumnType.STRING));
            }
            cols.add(new Column(timeColumn, ColumnType.TIMESTAMP));
            cols.add(count ? new Column("Count", ColumnType.LONG) : new Column(valueColumn, ColumnType.DOUBLE));
        }
        width = cols.size();
        for (String c : ADDED_COLUMNS) {
            cols.add(new Column(c, c.equals("score") ? ColumnType.DOUBLE : c.equals("anomalies") ? ColumnType.LONG : comp));
        }
        int total = 0;
        for (Series s : series) {
            total += s.times.length;
        }
        int finalTotal = total;
        int base = width;
        int nKept = kept;
        int valuePos = valueOut;
        return new ResultStream() {
            int g;
            int i;
            int emitted;

            @Override
            public List<Column> columns() {
                return cols;
            }

            @Override
            public Object[] next() {
                while (g < series.size() && i >= series.get(g).times.length) {
                    g++;
                    i = 0;
                }
                if (g >= series.size() || emitted >= finalTotal) {
                    return null;
                }
                Series s = series.get(g);
                SeriesAnomalies a = found.get(g);
                Object[] row = new Object[cols.size()];
                if (bucket == null) {
                    Object[] src = s.rows[i];
                    for (int k = 0; k < nKept; k++) {
                        row[k] = keep[k] < src.length ? src[keep[k]] : null;
                    }
                    if (s.merged[i] && valuePos >= 0) {
                        row[valuePos] = plain(s.values[i]);
                    }
                } else {
                    List<Object> key = keys.get(g);
                    for (int k = 0; k < key.size(); k++) {
                        row[k] = key.get(k) == null ? null : key.get(k).toString();
                    }
                    row[key.size()] = EventTime.ofNanos(s.times[i]);
                    row[key.size() + 1] = count ? (Object) (long) s.values[i] : (Object) s.values[i];
                }
                boolean miss = a.missing()[i];
                row[base] = miss ? null : component(a.residual()[i], longs);
                row[base + 1] = component(a.trend()[i], longs);
                row[base + 2] = component(a.seasonal()[i], longs);
                row[base + 3] = component(a.weights()[i], longs);
                row[base + 4] = component(a.baseline()[i], longs);
                double sc = a.score()[i];
                row[base + 5] = Double.isNaN(sc) || miss ? null : sc;
                row[base + 6] = (long) a.anomalies()[i];
                i++;
                emitted++;
                return row;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Object component(double v, boolean asLong) {
        if (asLong) {
            return (long) v;
        }
        return Double.isNaN(v) ? null : v;
    }

    /** A merged value written back as text: whole numbers without ".0", so CSV round-trips look like the input. */
    private static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private ResultStream periodRows(List<List<Object>> keys, List<Series> series, List<SeriesAnomalies> found) {
        List<Column> cols = new ArrayList<>();
        for (String g : groupBy) {
            cols.add(new Column(g, ColumnType.STRING));
        }
        cols.add(new Column("start", ColumnType.TIMESTAMP));
        cols.add(new Column("end", ColumnType.TIMESTAMP));
        List<Object[]> rows = new ArrayList<>();
        for (int g = 0; g < series.size(); g++) {
            for (TimePeriod p : AnomalyPeriods.extract(series.get(g).times, found.get(g).anomalies(), anomalyPeriod, positiveOnly)) {
                Object[] r = new Object[cols.size()];
                fillKey(r, keys.get(g));
                r[groupBy.size()] = p.start();
                r[groupBy.size() + 1] = p.end();
                rows.add(r);
            }
        }
        return ResultStream.of(cols, rows);
    }

    private ResultStream kqlRows(List<List<Object>> keys, List<Series> series, List<SeriesAnomalies> found) {
        List<Column> cols = new ArrayList<>();
        for (String g : groupBy) {
            cols.add(new Column(g, ColumnType.STRING));
        }
        cols.add(new Column("anomaly_periods", ColumnType.LONG));
        cols.add(new Column("kql_filter", ColumnType.STRING));
        List<Object[]> rows = new ArrayList<>();
        for (int g = 0; g < series.size(); g++) {
            List<TimePeriod> periods = AnomalyPeriods.extract(series.get(g).times, found.get(g).anomalies(), anomalyPeriod, positiveOnly);
            Object[] r = new Object[cols.size()];
            fillKey(r, keys.get(g));
            r[groupBy.size()] = (long) periods.size();
            r[groupBy.size() + 1] = AnomalyPeriods.kqlFilter(periods, timeColumn);
            rows.add(r);
        }
        return ResultStream.of(cols, rows);
    }

    private static void fillKey(Object[] r, List<Object> key) {
        for (int k = 0; k < key.size(); k++) {
            r[k] = key.get(k) == null ? null : key.get(k).toString();
        }
    }

    /** Settings for {@link TimeSeriesAnalyzer}. */
    public static final class Builder {
        private final TimeSeriesAnomalies.Builder detector = TimeSeriesAnomalies.builder();
        private String timeColumn = "TimeGenerated";
        private String valueColumn;
        private List<String> groupBy = List.of();
        private Duration bucket;
        private boolean count;
        private Duplicates duplicates = Duplicates.SUM;
        private Result result = Result.SERIES;
        private Duration anomalyPeriod = Duration.ofHours(1);
        private Boolean positiveOnly;

        private Builder() {
        }

        /** The detector's settings (period, seasonal, threshold, scoring, parallelism). */
        public TimeSeriesAnomalies.Builder detector() {
            return detector;
        }

        /** The time column (default TimeGenerated). */
        public Builder timeColumn(String timeColumn) {
            this.timeColumn = timeColumn;
            return this;
        }

        /** The value column (required unless counting). */
        public Builder valueColumn(String valueColumn) {
            this.valueColumn = valueColumn;
            return this;
        }

        /** Columns splitting the input into series (each decomposed on its own, in parallel). */
        public Builder groupBy(List<String> groupBy) {
            this.groupBy = groupBy == null ? List.of() : groupBy;
            return this;
        }

        /** Bucket raw events into this interval (values summed, or counted with {@link #count(boolean)}); empty buckets are 0. */
        public Builder bucket(Duration bucket) {
            this.bucket = bucket;
            return this;
        }

        /** Count rows per bucket instead of summing a value column. */
        public Builder count(boolean count) {
            this.count = count;
            return this;
        }

        /** How points at the same time merge (default sum). */
        public Builder duplicates(Duplicates duplicates) {
            this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
            return this;
        }

        /** What to return (default {@link Result#SERIES}). */
        public Builder result(Result result) {
            this.result = Objects.requireNonNull(result, "result");
            return this;
        }

        /** Granularity for merging anomalies into periods (default 1 hour, as MSTICPy). */
        public Builder anomalyPeriod(Duration anomalyPeriod) {
            this.anomalyPeriod = Objects.requireNonNull(anomalyPeriod, "anomalyPeriod");
            return this;
        }

        /** Periods from spikes only (default under MSTICPy scoring, as its {@code pos_only=True}) or spikes and dips. */
        public Builder positiveOnly(boolean positiveOnly) {
            this.positiveOnly = positiveOnly;
            return this;
        }

        /**
         * The analyzer.
         *
         * @throws IllegalArgumentException naming a bad or missing setting
         */
        public TimeSeriesAnalyzer build() {
            return new TimeSeriesAnalyzer(this);
        }
    }

    /** Parses a {@link Scoring} name: {@code msticpy} or {@code robust}. */
    static Scoring parseScoring(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "msticpy" -> Scoring.MSTICPY;
            case "robust", "default" -> Scoring.ROBUST;
            default -> throw new IllegalArgumentException("scoring must be msticpy or robust, got '" + s + "'");
        };
    }
}
