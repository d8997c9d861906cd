package dev.hunt4j.analysis.timeseries;

/** How residuals become scores and anomaly flags. */
public enum Scoring {
    /**
     * Exactly as MSTICPy's {@code ts_anomalies_stl}: every component is cast to a whole number (truncated, as
     * pandas' {@code astype("int64")}), the score is the z-score of the whole-number residuals with the population
     * standard deviation, and only points scoring above the threshold are flagged: 1 where the (whole-number)
     * seasonal component is positive, −1 where it is negative. Dips are never flagged.
     */
    MSTICPY,
    /**
     * Robust z-score: (residual − median) / (1.4826 · MAD), falling back to the standard deviation when the MAD is 0.
     * Above the threshold is a spike (1), below minus the low threshold a dip (−1); components stay fractional.
     * Robust because a few large outliers don't inflate the scale they are measured with.
     */
    ROBUST
}
