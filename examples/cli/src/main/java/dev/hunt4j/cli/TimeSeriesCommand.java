package dev.hunt4j.cli;

import dev.hunt4j.analysis.timeseries.Scoring;
import dev.hunt4j.analysis.timeseries.TimeSeriesAnalyzer;
import dev.hunt4j.api.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j timeseries}: STL anomalies in one or many time series. */
@Command(name = "timeseries", description = {"Find spikes and dips in time series by STL decomposition (MSTICPy's ts_anomalies_stl).",
        "Output: input + residual,trend,seasonal,weights,baseline,score,anomalies (1 spike, -1 dip, 0 none)."})
final class TimeSeriesCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
    String input;
    @Option(names = {"-t", "--time-column"}, paramLabel = "COLUMN", defaultValue = "TimeGenerated", description = "time column (default TimeGenerated)")
    String timeColumn;
    @Option(names = {"-v", "--value-column"}, paramLabel = "COLUMN", description = "numeric column (one row per point); not with --count")
    String valueColumn;
    @Option(names = {"-g", "--group-by"}, paramLabel = "C1,C2", split = ",", description = "one series per distinct value of these columns, decomposed in parallel")
    List<String> groupBy = new ArrayList<>();
    @Option(names = "--bucket", paramLabel = "DURATION", description = "build the series from raw events: bucket times into this interval, e.g. 1h (empty buckets are 0)")
    String bucket;
    @Option(names = "--count", description = "with --bucket: count rows per bucket (else --value-column is summed)")
    boolean count;
    @Option(names = "--period", paramLabel = "N", defaultValue = "24", description = "points per cycle (default 24)")
    int period;
    @Option(names = "--seasonal", paramLabel = "N", defaultValue = "7", description = "STL seasonal window, odd (default 7)")
    int seasonal;
    @Option(names = "--threshold", paramLabel = "X", defaultValue = "3", description = "score above which a point is an anomaly (default 3)")
    double threshold;
    @Option(names = "--low-threshold", paramLabel = "X", description = "robust scoring: score below minus X is a dip (default: --threshold)")
    Double lowThreshold;
    @Option(names = "--compat", paramLabel = "MODE", description = "msticpy: MSTICPy's scoring exactly (integer components, z-score, spikes only, sign from the season)")
    String compat;
    @Option(names = "--robust-stl", description = "robust STL fitting (outliers down-weighted; statsmodels robust=True)")
    boolean robustStl;
    @Option(names = "--duplicates", paramLabel = "HOW", defaultValue = "sum", description = "points at the same time: sum (default), mean or error")
    String duplicates;
    @Option(names = "--periods", description = "print the merged anomaly periods (group columns, start, end) instead of the points")
    boolean periods;
    @Option(names = "--kql", description = "print a KQL time filter for the anomaly periods (per group) instead of the points")
    boolean kql;
    @Option(names = "--anomaly-period", paramLabel = "DURATION", defaultValue = "1h", description = "granularity for merging anomalies into periods (default 1h)")
    String anomalyPeriod;
    @Option(names = "--dips", description = "periods and KQL include dips (default: spikes only under --compat msticpy, both otherwise)")
    Boolean dips;
    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
    Integer threads;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (periods && kql) {
            throw new IllegalArgumentException("give either --periods or --kql, not both");
        }
        if (count && valueColumn != null) {
            throw new IllegalArgumentException("give either --value-column or --count, not both");
        }
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().timeColumn(timeColumn).valueColumn(valueColumn)
                .groupBy(groupBy).count(count)
                .result(periods ? TimeSeriesAnalyzer.Result.PERIODS : kql ? TimeSeriesAnalyzer.Result.KQL : TimeSeriesAnalyzer.Result.SERIES)
                .anomalyPeriod(Durations.parse(anomalyPeriod))
                .duplicates(switch (duplicates.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "sum" -> TimeSeriesAnalyzer.Duplicates.SUM;
                    case "mean" -> TimeSeriesAnalyzer.Duplicates.MEAN;
                    case "error" -> TimeSeriesAnalyzer.Duplicates.ERROR;
                    default -> throw new IllegalArgumentException("--duplicates must be sum, mean or error, got '" + duplicates + "'");
                });
        if (bucket != null) {
            b.bucket(Durations.parse(bucket));
        }
        if (dips != null) {
            b.positiveOnly(!dips);
        }
        b.detector().period(period).seasonal(seasonal).threshold(threshold).robustStl(robustStl);
        if (lowThreshold != null) {
            b.detector().lowThreshold(lowThreshold);
        }
        if (threads != null) {
            b.detector().parallelism(threads);
        }
        if (compat != null) {
            if (!compat.trim().equalsIgnoreCase("msticpy")) {
                throw new IllegalArgumentException("--compat takes msticpy, got '" + compat + "'");
            }
            b.detector().scoring(Scoring.MSTICPY);
        }
        output.write(b.build().analyze(TableInput.open(input)), spec.commandLine().getOut());
        return 0;
    }
}
