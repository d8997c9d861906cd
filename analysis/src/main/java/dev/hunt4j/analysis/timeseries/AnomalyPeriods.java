package dev.hunt4j.analysis.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges anomalous points into time periods and writes a KQL time filter for them, as MSTICPy's
 * {@code extract_anomaly_periods} and {@code create_time_period_kqlfilter}: each anomaly's time is floored to the
 * period grid (epoch-aligned; pandas' resample aligns to the first day's midnight, the same for periods dividing a
 * day), a new span runs from one period before to one period after it, and an anomaly at most two periods after the
 * previous anomaly extends the current span instead.
 */
public final class AnomalyPeriods {
    private AnomalyPeriods() {
    }

    /**
     * The merged periods, in time order.
     *
     * @param times the points' times (epoch nanoseconds), any order
     * @param anomalies the points' flags (1, −1, 0), aligned with {@code times}
     * @param period the merge granularity (MSTICPy's default is one hour)
     * @param positiveOnly only spikes (1), as MSTICPy's default {@code pos_only=True}; else spikes and dips
     */
    public static List<TimePeriod> extract(long[] times, int[] anomalies, Duration period, boolean positiveOnly) {
        Objects.requireNonNull(period, "period");
        if (times.length != anomalies.length) {
            throw new IllegalArgumentException("times and anomalies differ in length: " + times.length + " vs " + anomalies.length);
        }
        long p = period.toNanos();
        if (p <= 0) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        long[] bins = new long[times.length];
        int m = 0;
        for (int i = 0; i < times.length; i++) {
            if (anomalies[i] == 1 || !positiveOnly && anomalies[i] == -1) {
                bins[m++] = Math.floorDiv(times[i], p) * p;
            }
        }
        bins = java.util.Arrays.copyOf(bins, m);
        java.util.Arrays.sort(bins);
        List<long[]> spans = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (int i = 0; i < m; i++) {
            long t = bins[i];
            if (i > 0 && t == bins[i - 1]) {
                continue;
            }
            if (spans.isEmpty() || t - last > 2 * p) {
                spans.add(new long[] {t - p, t + p});
            } else {
                spans.get(spans.size() - 1)[1] = t + p;
            }
            last = t;
        }
        List<TimePeriod> out = new ArrayList<>(spans.size());
        for (long[] s : spans) {
            out.add(new TimePeriod(EventTime.ofNanos(s[0]), EventTime.ofNanos(s[1])));
        }
        return out;
    }

    /**
     * The KQL filter for the periods, e.g.
     * {@code | where TimeGenerated between (datetime(2019-05-13 16:00:00+00:00) .. datetime(2019-05-13 18:00:00+00:00))},
     * the spans joined by {@code or}. MSTICPy always names the column TimeGenerated; here it can be chosen.
     */
    public static String kqlFilter(List<TimePeriod> periods, String timeColumn) {
        StringBuilder sb = new StringBuilder("| where ");
        for (int i = 0; i < periods.size(); i++) {
            TimePeriod tp = periods.get(i);
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append(timeColumn).append(" between (datetime(").append(EventTime.formatPandasUtc(EventTime.toNanos(tp.start())))
                    .append(") .. datetime(").append(EventTime.formatPandasUtc(EventTime.toNanos(tp.end()))).append("))");
        }
        return sb.toString();
    }

    /** {@link #kqlFilter(List, String)} with MSTICPy's column name, TimeGenerated. */
    public static String kqlFilter(List<TimePeriod> periods) {
        return kqlFilter(periods, "TimeGenerated");
    }

    /** Convenience: times as instants. */
    public static List<TimePeriod> extract(List<Instant> times, int[] anomalies, Duration period, boolean positiveOnly) {
        long[] t = new long[times.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = EventTime.toNanos(times.get(i));
        }
        return extract(t, anomalies, period, positiveOnly);
    }
}
