package dev.hunt4j.analysis.timeseries;

/**
 * The parts of an STL decomposition, each as long as the series: {@code y = trend + seasonal + residual}.
 *
 * @param trend the trend component
 * @param seasonal the seasonal component
 * @param residual what is left: {@code y - trend - seasonal}
 * @param weights robustness weights (all 1 unless the decomposition was robust)
 */
public record StlResult(double[] trend, double[] seasonal, double[] residual, double[] weights) {
}
