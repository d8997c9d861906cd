package dev.hunt4j.analysis.timeseries;

/**
 * STL: seasonal-trend decomposition by LOESS (Cleveland et al., 1990), a port of the reference Fortran as
 * statsmodels runs it ({@code statsmodels.tsa.seasonal.STL}, which MSTICPy's {@code ts_anomalies_stl} calls): the
 * same window defaults (trend = next odd of ceil(1.5·period / (1 − 1.5/seasonal)), low-pass = next odd after
 * period), degree-1 LOESS, jumps of 1, 5 inner and no robustness iterations unless {@link Builder#robust(boolean)}
 * (then 2 inner, 15 outer). Results agree with statsmodels to about 1e-9 relative.
 *
 * <p>Speed: where a LOESS window lies wholly inside the series and no robustness weights apply, the fit is the same
 * weighted average at every point; without robustness weights the weights of every position depend only on the
 * series length and window, so they are computed once (cached per instance) and each fit is a dot product, the
 * interior applied as a vectorizable convolution. Thread-safe; each call allocates its own work arrays.
 */
public final class Stl {
    private final int period;
    private final int seasonal;
    private final int trend;
    private final int lowPass;
    private final boolean robust;
    private final int inner;
    private final int outer;

    private Stl(Builder b) {
        this.period = b.period;
        if (period < 2) {
            throw new IllegalArgumentException("period must be an integer >= 2, got " + period);
        }
        this.seasonal = b.seasonal;
        if (seasonal < 3 || seasonal % 2 == 0) {
            throw new IllegalArgumentException("seasonal must be an odd integer >= 3, got " + seasonal);
        }
        int t = b.trend;
        if (t == 0) {
            t = (int) Math.ceil(1.5 * period / (1 - 1.5 / seasonal));
            t += t % 2 == 0 ? 1 : 0;
        }
        if (t < 3 || t % 2 == 0 || t <= period) {
            throw new IllegalArgumentException("trend must be an odd integer >= 3 and > period, got " + t);
        }
        this.trend = t;
        int l = b.lowPass;
        if (l == 0) {
            l = period + 1;
            l += l % 2 == 0 ? 1 : 0;
        }
        if (l < 3 || l % 2 == 0 || l <= period) {
            throw new IllegalArgumentException("low_pass must be an odd integer >= 3 and > period, got " + l);
        }
        this.lowPass = l;
        this.robust = b.robust;
        this.inner = b.inner > 0 ? b.inner : robust ? 2 : 5;
        this.outer = b.outer >= 0 ? b.outer : robust ? 15 : 0;
    }

    /** A builder with MSTICPy's defaults: period 24, seasonal 7, not robust. */
    public static Builder builder() {
        return new Builder();
    }

    /** The period (observations per cycle). */
    public int period() {
        return period;
    }

    /** The seasonal smoother's window. */
    public int seasonal() {
        return seasonal;
    }

    /** The trend smoother's window. */
    public int trend() {
        return trend;
    }

    /** The low-pass filter's window. */
    public int lowPass() {
        return lowPass;
    }

    /**
     * Decomposes {@code y} (no NaN; at least two periods long).
     *
     * @throws IllegalArgumentException for a series that is too short or has NaN/infinite values
     */
    public StlResult decompose(double[] y) {
        int n = y.length;
        if (n < 2 * period) {
            throw new IllegalArgumentException("the series has " + n + " points; STL needs at least two periods (" + 2 * period + ")");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("the series has a missing or infinite value at position " + i);
            }
        }
        double[] season = new double[n];
        double[] trendArr = new double[n];
        double[] rw = new double[n];
        java.util.Arrays.fill(rw, 1.0);
        Work w = new Work(n, period, Math.max(Math.max(trend, lowPass), seasonal));
        boolean useRw = false;
        int k = 0;
        while (true) {
            oneStep(y, n, useRw, rw, season, trendArr, w);
            k++;
            if (k > outer) {
                break;
            }
            double[] fit = w.w0;
            for (int i = 0; i < n; i++) {
                fit[i] = trendArr[i] + season[i];
            }
            robustnessWeights(y, n, fit, rw);
            useRw = true;
        }
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            resid[i] = y[i] - season[i] - trendArr[i];
        }
        return new StlResult(trendArr, season, resid, rw);
    }

    /** Work arrays for one decomposition (the Fortran's work(n + 2·np, 5)). */
    private static final class Work {
        final double[] w0;
        final double[] w1;
        final double[] w2;
        final double[] w3;
        final double[] w4;
        final double[] sub;
        final double[] subRw;
        final double[] subOut;
        final double[] kernel;
        final double[] scratch;

        Work(int n, int np, int maxLen) {
            int m = n + 2 * np;
            w0 = new double[m];
            w1 = new double[m];
            w2 = new double[m];
            w3 = new double[m];
            w4 = new double[m];
            int k = n / np + 3;
            sub = new double[k];
            subRw = new double[k];
            subOut = new double[k + 2];
            kernel = new double[Math.max(maxLen, 3) + 1];
            scratch = new double[Math.max(maxLen, m) + 2];
        }
    }

    private void oneStep(double[] y, int n, boolean useRw, double[] rw, double[] season, double[] trendArr, Work w) {
        int np = period;
        for (int it = 0; it < inner; it++) {
            for (int i = 0; i < n; i++) {
                w.w0[i] = y[i] - trendArr[i];
            }
            // cycle-subseries smoothing of the detrended series into w1 (length n + 2np)
            seasonalSmooth(w.w0, n, useRw, rw, w.w1, w);
            // low-pass filter of the cycle-subseries: three moving averages then LOESS
            movingAverage(w.w1, n + 2 * np, np, w.w2);
            movingAverage(w.w2, n + np + 1, np, w.w0);
            movingAverage(w.w0, n + 2, 3, w.w2);
            ess(w.w2, n, lowPass, false, null, w.w0, 0, w);
            for (int i = 0; i < n; i++) {
                season[i] = w.w1[np + i] - w.w0[i];
                w.w3[i] = y[i] - season[i];
            }
            ess(w.w3, n, trend, useRw, rw, trendArr, 0, w);
        }
    }

    private void seasonalSmooth(double[] y, int n, boolean useRw, double[] rw, double[] out, Work w) {
        int np = period;
        int ns = seasonal;
        double[] sub = w.sub;
        double[] subRw = w.subRw;
        double[] res = w.subOut;
        for (int j = 0; j < np; j++) {
            int k = (n - (j + 1)) / np + 1;
            for (int i = 0; i < k; i++) {
                sub[i] = y[i * np + j];
            }
            if (useRw) {
                for (int i = 0; i < k; i++) {
                    subRw[i] = rw[i * np + j];
                }
            }
            // smoothed values at 1..k, extrapolations at 0 and k+1
            ess(sub, k, ns, useRw, subRw, res, 1, w);
            int nright = Math.min(ns, k);
            int nleft = Math.max(1, k - ns + 1);
            double v;
            double v2;
            if (useRw) {
                v = est(sub, k, ns, 0, 1, nright, true, subRw, w.scratch);
                v2 = est(sub, k, ns, k + 1, nleft, k, true, subRw, w.scratch);
            } else {
                Kernels kr = kernels(k, ns);
                v = dot(kr.extrapLeft, sub, 0);
                v2 = dot(kr.extrapRight, sub, nleft - 1);
            }
            res[0] = Double.isNaN(v) ? res[1] : v;
            res[k + 1] = Double.isNaN(v2) ? res[k] : v2;
            for (int m = 0; m < k + 2; m++) {
                out[m * np + j] = res[m];
            }
        }
    }

    /** The Fortran's ma: moving average of length len over x[0, n) into ave[0, n - len + 1). */
    private static void movingAverage(double[] x, int n, int len, double[] ave) {
        int newn = n - len + 1;
        double flen = len;
        double v = 0.0;
        for (int i = 0; i < len; i++) {
            v += x[i];
        }
        ave[0] = v / flen;
        int k = len;
        int m = 0;
        for (int j = 1; j < newn; j++) {
            v += x[k] - x[m];
            ave[j] = v / flen;
            k++;
            m++;
        }
    }

    /**
     * The Fortran's ess (LOESS smoothing, degree 1, jump 1) of y[0, n) into ys[ysOff, ysOff + n); robustness weights
     * rw are indexed like y.
     */
    private void ess(double[] y, int n, int len, boolean userw, double[] rw, double[] ys, int ysOff, Work w) {
        if (n < 2) {
            ys[ysOff] = y[0];
            return;
        }
        if (userw) {
            essGeneral(y, n, len, rw, ys, ysOff, w);
            return;
        }
        // no robustness weights: the LOESS weights depend only on (n, len, position), so they are computed once and
        // every fit is a dot product; interior points share one kernel, applied as one pass per weight (vectorizes)
        Kernels k = kernels(n, len);
        int lo = k.lo;
        int hi = k.hi;
        if (lo <= hi) {
            int half = (len - 1) / 2;
            int o = ysOff + lo;
            int cnt = hi - lo + 1;
            java.util.Arrays.fill(ys, o, o + cnt, 0.0);
            double[] kernel = k.interior;
            for (int j = 0; j < len; j++) {
                double kj = kernel[j];
                int src = lo - half + j;
                for (int i = 0; i < cnt; i++) {
                    ys[o + i] += kj * y[src + i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (i >= lo && i <= hi) {
                continue;
            }
            double[] wts = k.rows[i];
            double v = wts == null ? Double.NaN : dot(wts, y, k.start[i]);
            ys[ysOff + i] = Double.isNaN(v) ? y[i] : v;
        }
    }

    private void essGeneral(double[] y, int n, int len, double[] rw, double[] ys, int ysOff, Work w) {
        if (len >= n) {
            for (int i = 0; i < n; i++) {
                double v = est(y, n, len, i + 1, 1, n, true, rw, w.scratch);
                ys[ysOff + i] = Double.isNaN(v) ? y[i] : v;
            }
            return;
        }
        int nsh = (len + 2) / 2;
        int nleft = 1;
        int nright = len;
        for (int i = 0; i < n; i++) {
            if (i + 1 > nsh && nright != n) {
                nleft++;
                nright++;
            }
            double v = est(y, n, len, i + 1, nleft, nright, true, rw, w.scratch);
            ys[ysOff + i] = Double.isNaN(v) ? y[i] : v;
        }
    }

    private static double dot(double[] wts, double[] y, int from) {
        if (wts == null) {
            return Double.NaN;
        }
        double s = 0.0;
        for (int j = 0; j < wts.length; j++) {
            s += wts[j] * y[from + j];
        }
        return s;
    }

    /** The LOESS weights (no robustness weights) for a series of length n and window len, cached per instance. */
    private Kernels kernels(int n, int len) {
        long key = (long) n << 32 | len;
        Kernels k = cache.get(key);
        if (k == null) {
            k = new Kernels(n, len);
            cache.putIfAbsent(key, k);
        }
        return k;
    }

    private final java.util.concurrent.ConcurrentHashMap<Long, Kernels> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** Precomputed fit weights: one row per point off the interior, the interior kernel, the two extrapolations. */
    private static final class Kernels {
        final int lo;
        final int hi;
        final double[] interior;
        final double[][] rows;
        final int[] start;
        final double[] extrapLeft;
        final double[] extrapRight;

        Kernels(int n, int len) {
            rows = new double[n][];
            start = new int[n];
            double[] scratch = new double[Math.max(n, len) + 2];
            int half = (len - 1) / 2;
            if (len < n && len % 2 == 1) {
                lo = half;
                hi = n - 1 - half;
                interior = weights(n, len, half + 1, 1, len, scratch);
            } else {
                lo = n;
                hi = n - 1;
                interior = null;
            }
            if (len >= n) {
                for (int i = 0; i < n; i++) {
                    rows[i] = weights(n, len, i + 1, 1, n, scratch);
                    start[i] = 0;
                }
            } else {
                int nsh = (len + 2) / 2;
                int nleft = 1;
                int nright = len;
                for (int i = 0; i < n; i++) {
                    if (i + 1 > nsh && nright != n) {
                        nleft++;
                        nright++;
                    }
                    if (i >= lo && i <= hi) {
                        continue;
                    }
                    rows[i] = weights(n, len, i + 1, nleft, nright, scratch);
                    start[i] = nleft - 1;
                }
            }
            extrapLeft = weights(n, len, 0, 1, Math.min(len, n), scratch);
            extrapRight = weights(n, len, n + 1, Math.max(1, n - len + 1), n, scratch);
        }

        private static double[] weights(int n, int len, int xs, int nleft, int nright, double[] scratch) {
            if (!fitWeights(n, len, xs, nleft, nright, false, null, scratch)) {
                return null;
            }
            return java.util.Arrays.copyOf(scratch, nright - nleft + 1);
        }
    }

    /** The Fortran's est: the fit at xs from points nleft..nright (1-based, inclusive); NaN when all weights are 0. */
    private static double est(double[] y, int n, int len, int xs, int nleft, int nright, boolean userw, double[] rw, double[] wts) {
        if (!fitWeights(n, len, xs, nleft, nright, userw, rw, wts)) {
            return Double.NaN;
        }
        double ys = 0.0;
        for (int j = nleft; j <= nright; j++) {
            ys += wts[j - nleft] * y[j - 1];
        }
        return ys;
    }

    /**
     * The weights of the Fortran's est for the fit at xs (1-based, may lie outside [1, n]) from points nleft..nright
     * into wts[0, nright - nleft]; false when they are all zero (the Fortran's ok = false).
     */
    private static boolean fitWeights(int n, int len, int xs, int nleft, int nright, boolean userw, double[] rw, double[] wts) {
        double range = n - 1.0;
        double h = Math.max(xs - nleft, nright - xs);
        if (len > n) {
            h += (len - n) / 2; // integer division, as the Fortran
        }
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        int cnt = nright - nleft + 1;
        double a = 0.0;
        for (int j = nleft; j <= nright; j++) {
            double r = Math.abs(j - xs);
            double wj = 0.0;
            if (r <= h9) {
                if (r <= h1) {
                    wj = 1.0;
                } else {
                    double q = r / h;
                    double t = 1.0 - q * q * q;
                    wj = t * t * t;
                }
                if (userw) {
                    wj *= rw[j - 1];
                }
                a += wj;
            }
            wts[j - nleft] = wj;
        }
        if (a <= 0.0) {
            return false;
        }
        for (int j = 0; j < cnt; j++) {
            wts[j] /= a;
        }
        if (h > 0.0) {
            double c1 = 0.0;
            for (int j = nleft; j <= nright; j++) {
                c1 += wts[j - nleft] * j;
            }
            double b = xs - c1;
            double c = 0.0;
            for (int j = nleft; j <= nright; j++) {
                double d = j - c1;
                c += wts[j - nleft] * d * d;
            }
            if (Math.sqrt(c) > 0.001 * range) {
                b /= c;
                for (int j = nleft; j <= nright; j++) {
                    wts[j - nleft] *= b * (j - c1) + 1.0;
                }
            }
        }
        return true;
    }

    /** The Fortran's rwts: bisquare robustness weights from the residuals' median absolute value. */
    private static void robustnessWeights(double[] y, int n, double[] fit, double[] rw) {
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(y[i] - fit[i]);
            rw[i] = abs[i];
        }
        double[] sorted = abs.clone();
        java.util.Arrays.sort(sorted);
        int mid0 = n / 2;
        int mid1 = n - mid0 - 1;
        double cmad = 3.0 * (sorted[mid0] + sorted[mid1]);
        if (cmad == 0) {
            java.util.Arrays.fill(rw, 0, n, 1.0);
            return;
        }
        double c9 = 0.999 * cmad;
        double c1 = 0.001 * cmad;
        for (int i = 0; i < n; i++) {
            double r = rw[i];
            if (r <= c1) {
                rw[i] = 1.0;
            } else if (r <= c9) {
                double q = r / cmad;
                double t = 1.0 - q * q;
                rw[i] = t * t;
            } else {
                rw[i] = 0.0;
            }
        }
    }

    /** Settings for {@link Stl}. */
    public static final class Builder {
        private int period = 24;
        private int seasonal = 7;
        private int trend;
        private int lowPass;
        private boolean robust;
        private int inner;
        private int outer = -1;

        private Builder() {
        }

        /** Observations per cycle (24 for hourly data with a daily cycle). */
        public Builder period(int period) {
            this.period = period;
            return this;
        }

        /** Seasonal smoother window: odd, at least 3 (default 7). */
        public Builder seasonal(int seasonal) {
            this.seasonal = seasonal;
            return this;
        }

        /** Trend smoother window: odd and above the period; 0 for statsmodels' default. */
        public Builder trend(int trend) {
            this.trend = trend;
            return this;
        }

        /** Low-pass window: odd and above the period; 0 for statsmodels' default. */
        public Builder lowPass(int lowPass) {
            this.lowPass = lowPass;
            return this;
        }

        /** Robust fitting (bisquare weights from residuals) as statsmodels' {@code robust=True}; default false. */
        public Builder robust(boolean robust) {
            this.robust = robust;
            return this;
        }

        /** Inner iterations; 0 for the default (5, or 2 when robust). */
        public Builder innerIterations(int inner) {
            this.inner = inner;
            return this;
        }

        /** Outer (robustness) iterations; -1 for the default (0, or 15 when robust). */
        public Builder outerIterations(int outer) {
            this.outer = outer;
            return this;
        }

        /**
         * The configured decomposer.
         *
         * @throws IllegalArgumentException naming a bad window
         */
        public Stl build() {
            return new Stl(this);
        }
    }
}
