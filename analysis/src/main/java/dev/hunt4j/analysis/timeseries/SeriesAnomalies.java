package dev.hunt4j.analysis.timeseries;

/**
 * The decomposition and anomaly flags of one series, position by position. Under {@link Scoring#MSTICPY} the
 * components hold whole numbers (MSTICPy's integer cast).
 *
 * @param values the series as decomposed (missing points filled by linear interpolation)
 * @param missing which points were missing in the input
 * @param residual what the trend and season don't explain
 * @param trend the trend component
 * @param seasonal the seasonal component
 * @param weights STL robustness weights (1 unless robust)
 * @param baseline trend + seasonal: the expected value
 * @param score the residual's score (NaN for a missing point, or when every residual is the same)
 * @param anomalies 1 spike, −1 dip (or, under MSTICPy scoring, a spike in a below-average season), 0 none
 */
public record SeriesAnomalies(double[] values, boolean[] missing, double[] residual, double[] trend, double[] seasonal,
                              double[] weights, double[] baseline, double[] score, int[] anomalies) {

    /** The number of points. */
    public int size() {
        return values.length;
    }

    /** The number of points flagged (1 or −1). */
    public int anomalyCount() {
        int n = 0;
        for (int a : anomalies) {
            n += a != 0 ? 1 : 0;
        }
        return n;
    }
}
