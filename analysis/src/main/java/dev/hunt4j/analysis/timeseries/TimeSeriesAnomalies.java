package dev.hunt4j.analysis.timeseries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds anomalies in regularly spaced series: STL decomposition ({@link Stl}) and a score per residual
 * ({@link Scoring}). Immutable and thread-safe.
 *
 * <pre>{@code
 * TimeSeriesAnomalies ts = TimeSeriesAnomalies.builder().scoring(Scoring.MSTICPY).build();
 * SeriesAnomalies r = ts.detect(hourlyBytes);   // r.anomalies()[i] is 1, -1 or 0
 * }</pre>
 */
public final class TimeSeriesAnomalies {
    private final Stl stl;
    private final double threshold;
    private final double lowThreshold;
    private final Scoring scoring;
    private final int parallelism;

    private TimeSeriesAnomalies(Builder b) {
        this.stl = Stl.builder().period(b.period).seasonal(b.seasonal).trend(b.trend).lowPass(b.lowPass).robust(b.robustStl).build();
        if (!(b.threshold > 0)) {
            throw new IllegalArgumentException("threshold must be above 0, got " + b.threshold);
        }
        this.threshold = b.threshold;
        this.lowThreshold = Double.isNaN(b.lowThreshold) ? b.threshold : b.lowThreshold;
        if (!(lowThreshold > 0)) {
            throw new IllegalArgumentException("low threshold must be above 0, got " + b.lowThreshold);
        }
        this.scoring = b.scoring;
        this.parallelism = b.parallelism > 0 ? b.parallelism : Runtime.getRuntime().availableProcessors();
    }

    /** A builder with MSTICPy's defaults (period 24, seasonal 7, threshold 3) and {@link Scoring#ROBUST}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The decomposer used. */
    public Stl stl() {
        return stl;
    }

    /** The scoring used. */
    public Scoring scoring() {
        return scoring;
    }

    /**
     * Decomposes and scores one series; NaN values are missing points (filled by linear interpolation for the
     * decomposition, never flagged).
     *
     * @throws IllegalArgumentException when the series is shorter than two periods or has no values
     */
    public SeriesAnomalies detect(double[] series) {
        int n = series.length;
        if (n < 2 * stl.period()) {
            throw new IllegalArgumentException("the series has " + n + " points; STL needs at least two periods ("
                    + 2 * stl.period() + " points with period " + stl.period() + ")");
        }
        boolean[] missing = new boolean[n];
        double[] y = fillMissing(series, missing);
        StlResult d = stl.decompose(y);
        double[] baseline = new double[n];
        for (int i = 0; i < n; i++) {
            baseline[i] = d.seasonal()[i] + d.trend()[i];
        }
        double[] score = new double[n];
        int[] anomalies = new int[n];
        if (scoring == Scoring.MSTICPY) {
            return msticpy(y, missing, d, baseline, score, anomalies);
        }
        robust(d.residual(), missing, score, anomalies, scale(y));
        return new SeriesAnomalies(y, missing, d.residual(), d.trend(), d.seasonal(), d.weights(), baseline, score, anomalies);
    }

    /**
     * Decomposes and scores many series on {@link Builder#parallelism(int)} threads; the results are in input order.
     *
     * @throws IllegalArgumentException for the first series that can't be decomposed (naming its position)
     */
    public List<SeriesAnomalies> detectAll(List<double[]> series) {
        return detectAll(series, null);
    }

    /**
     * As {@link #detectAll(List)}, naming a failing series by its label.
     *
     * @param labels one per series, used in error messages (e.g. {@code Computer=host1}); null for positions
     */
    public List<SeriesAnomalies> detectAll(List<double[]> series, List<String> labels) {
        int n = series.size();
        SeriesAnomalies[] out = new SeriesAnomalies[n];
        int threads = Math.min(parallelism, n);
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                out[i] = detectAt(series, labels, i);
            }
            return Arrays.asList(out);
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hunt4j-timeseries");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        out[i] = detectAt(series, labels, i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(out);
    }

    private SeriesAnomalies detectAt(List<double[]> series, List<String> labels, int i) {
        try {
            return detect(series.get(i));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((labels == null ? "series " + i : labels.get(i)) + ": " + e.getMessage(), e);
        }
    }

    /** MSTICPy: {@code result.fillna(0).astype("int64")}, {@code stats.zscore}, flags from the seasonal sign. */
    private SeriesAnomalies msticpy(double[] y, boolean[] missing, StlResult d, double[] baseline, double[] score, int[] anomalies) {
        int n = y.length;
        double[] resid = trunc(d.residual());
        double[] trend = trunc(d.trend());
        double[] seasonal = trunc(d.seasonal());
        double[] weights = trunc(d.weights());
        double[] base = trunc(baseline);
        double mean = 0.0;
        for (double r : resid) {
            mean += r;
        }
        mean /= n;
        double ss = 0.0;
        for (double r : resid) {
            ss += (r - mean) * (r - mean);
        }
        double std = Math.sqrt(ss / n);
        for (int i = 0; i < n; i++) {
            score[i] = (resid[i] - mean) / std; // NaN when std is 0, as scipy
            if (score[i] > threshold) {
                anomalies[i] = seasonal[i] > 0 ? 1 : seasonal[i] < 0 ? -1 : 0;
            }
        }
        return new SeriesAnomalies(y, missing, resid, trend, seasonal, weights, base, score, anomalies);
    }

    /** The series' magnitude: residuals below about 1e-9 of it are rounding noise, not signal. */
    private static double scale(double[] y) {
        double m = 0;
        for (double v : y) {
            m = Math.max(m, Math.abs(v));
        }
        return Math.max(m, 1e-300);
    }

    private void robust(double[] resid, boolean[] missing, double[] score, int[] anomalies, double magnitude) {
        double tiny = 1e-9 * magnitude;
        int n = resid.length;
        double[] present = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!missing[i]) {
                present[m++] = resid[i];
            }
        }
        double[] vals = Arrays.copyOf(present, m);
        double med = median(vals);
        for (int i = 0; i < m; i++) {
            vals[i] = Math.abs(vals[i] - med);
        }
        double scale = 1.4826 * median(vals);
        if (!(scale > tiny)) {
            // more than half the residuals are equal: the MAD says nothing, use the standard deviation
            double mean = 0.0;
            for (int i = 0; i < m; i++) {
                mean += present[i];
            }
            mean /= m;
            double ss = 0.0;
            for (int i = 0; i < m; i++) {
                ss += (present[i] - mean) * (present[i] - mean);
            }
            scale = Math.sqrt(ss / m);
            if (!(scale > tiny)) {
                scale = 0; // a perfect fit: nothing stands out
            }
        }
        for (int i = 0; i < n; i++) {
            if (missing[i]) {
                score[i] = Double.NaN;
                continue;
            }
            score[i] = scale > 0 ? (resid[i] - med) / scale : 0.0;
            anomalies[i] = score[i] > threshold ? 1 : score[i] < -lowThreshold ? -1 : 0;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static double[] trunc(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isNaN(v[i]) ? 0.0 : (double) (long) v[i];
        }
        return out;
    }

    /** Copies the series, filling NaN points by linear interpolation (ends: the nearest value). */
    static double[] fillMissing(double[] series, boolean[] missing) {
        int n = series.length;
        double[] y = series.clone();
        int prev = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i]) || Double.isInfinite(y[i])) {
                missing[i] = true;
                continue;
            }
            if (prev < 0) {
                for (int j = 0; j < i; j++) {
                    y[j] = y[i];
                }
            } else if (prev < i - 1) {
                double step = (y[i] - y[prev]) / (i - prev);
                for (int j = prev + 1; j < i; j++) {
                    y[j] = y[prev] + step * (j - prev);
                }
            }
            prev = i;
        }
        if (prev < 0) {
            throw new IllegalArgumentException("the series has no values (all " + n + " points are missing)");
        }
        for (int j = prev + 1; j < n; j++) {
            y[j] = y[prev];
        }
        return y;
    }

    /** Settings for {@link TimeSeriesAnomalies}. */
    public static final class Builder {
        private int period = 24;
        private int seasonal = 7;
        private int trend;
        private int lowPass;
        private boolean robustStl;
        private double threshold = 3.0;
        private double lowThreshold = Double.NaN;
        private Scoring scoring = Scoring.ROBUST;
        private int parallelism;

        private Builder() {
        }

        /** Observations per cycle (default 24: hourly data, daily cycle). */
        public Builder period(int period) {
            this.period = period;
            return this;
        }

        /** STL seasonal window, odd (default 7). */
        public Builder seasonal(int seasonal) {
            this.seasonal = seasonal;
            return this;
        }

        /** STL trend window, odd and above the period; 0 for the default. */
        public Builder trend(int trend) {
            this.trend = trend;
            return this;
        }

        /** STL low-pass window; 0 for the default. */
        public Builder lowPass(int lowPass) {
            this.lowPass = lowPass;
            return this;
        }

        /** Robust STL fitting (statsmodels {@code robust=True}); default false as MSTICPy. */
        public Builder robustStl(boolean robustStl) {
            this.robustStl = robustStl;
            return this;
        }

        /** Score above which a point is a spike (default 3). */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** Score below minus which a point is a dip under {@link Scoring#ROBUST} (default: the threshold). */
        public Builder lowThreshold(double lowThreshold) {
            this.lowThreshold = lowThreshold;
            return this;
        }

        /** How residuals are scored (default {@link Scoring#ROBUST}). */
        public Builder scoring(Scoring scoring) {
            this.scoring = java.util.Objects.requireNonNull(scoring, "scoring");
            return this;
        }

        /** Threads for {@link #detectAll}; 0 for the number of processors. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /**
         * The configured detector.
         *
         * @throws IllegalArgumentException naming a bad setting
         */
        public TimeSeriesAnomalies build() {
            return new TimeSeriesAnomalies(this);
        }
    }
}
