package dev.hunt4j.analysis.timeseries;

import dev.hunt4j.analysis.AnalyzerOptions;
import dev.hunt4j.api.Durations;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code timeseries} analyzer: {@link TimeSeriesAnalyzer} configured from option strings. */
@Extension
public final class TimeSeriesAnalyzerFactory implements AnalyzerFactory {
    private static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("time_column", "the time column (default TimeGenerated)");
        o.put("value_column", "the numeric column (required unless count=true)");
        o.put("group_by", "comma-separated columns: one series per distinct value, decomposed in parallel (default: one series)");
        o.put("bucket", "bucket raw events into this interval, e.g. 1h (values summed; empty buckets are 0)");
        o.put("count", "count rows per bucket instead of summing value_column (default false; needs bucket)");
        o.put("period", "observations per cycle (default 24)");
        o.put("seasonal", "STL seasonal window, odd (default 7)");
        o.put("trend", "STL trend window, odd and above period (default: statsmodels' rule)");
        o.put("low_pass", "STL low-pass window (default: next odd after period)");
        o.put("robust_stl", "robust STL fitting (default false, as MSTICPy)");
        o.put("threshold", "score above which a point is a spike (default 3)");
        o.put("low_threshold", "score below minus which a point is a dip, robust scoring only (default: threshold)");
        o.put("scoring", "msticpy (MSTICPy's ts_anomalies_stl exactly) or robust (median/MAD, spikes and dips; default)");
        o.put("duplicates", "points at the same time: sum (default), mean or error");
        o.put("result", "series (default: input + residual,trend,seasonal,weights,baseline,score,anomalies), periods or kql");
        o.put("anomaly_period", "granularity for merging anomalies into periods (default 1h)");
        o.put("positive_only", "periods from spikes only (default true under msticpy scoring, false under robust)");
        o.put("parallelism", "threads (default: available processors)");
        OPTIONS = Collections.unmodifiableMap(o);
    }

    @Override
    public String name() {
        return "timeseries";
    }

    @Override
    public String description() {
        return "Finds spikes and dips in time series by STL decomposition (MSTICPy's ts_anomalies_stl; also groups and bucketed counts).";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    @Override
    public Analyzer create(Map<String, String> options) {
        Map<String, String> o = AnalyzerOptions.checked("timeseries", OPTIONS, options);
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder();
        if (o.containsKey("time_column")) {
            b.timeColumn(o.get("time_column").trim());
        }
        if (o.containsKey("value_column")) {
            b.valueColumn(o.get("value_column").trim());
        }
        if (o.containsKey("group_by")) {
            b.groupBy(Arrays.stream(o.get("group_by").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        if (o.containsKey("bucket")) {
            b.bucket(duration("bucket", o.get("bucket")));
        }
        b.count(bool(o, "count"));
        TimeSeriesAnomalies.Builder d = b.detector();
        d.period(integer(o, "period", 24)).seasonal(integer(o, "seasonal", 7)).trend(integer(o, "trend", 0))
                .lowPass(integer(o, "low_pass", 0)).robustStl(bool(o, "robust_stl"))
                .threshold(number(o, "threshold", 3.0)).parallelism(integer(o, "parallelism", 0));
        if (o.containsKey("low_threshold")) {
            d.lowThreshold(number(o, "low_threshold", 3.0));
        }
        if (o.containsKey("scoring")) {
            d.scoring(TimeSeriesAnalyzer.parseScoring(o.get("scoring")));
        }
        if (o.containsKey("duplicates")) {
            b.duplicates(switch (o.get("duplicates").trim().toLowerCase(Locale.ROOT)) {
                case "sum" -> TimeSeriesAnalyzer.Duplicates.SUM;
                case "mean" -> TimeSeriesAnalyzer.Duplicates.MEAN;
                case "error" -> TimeSeriesAnalyzer.Duplicates.ERROR;
                default -> throw new IllegalArgumentException("option 'duplicates' must be sum, mean or error, got '" + o.get("duplicates") + "'");
            });
        }
        if (o.containsKey("result")) {
            b.result(switch (o.get("result").trim().toLowerCase(Locale.ROOT)) {
                case "series" -> TimeSeriesAnalyzer.Result.SERIES;
                case "periods" -> TimeSeriesAnalyzer.Result.PERIODS;
                case "kql" -> TimeSeriesAnalyzer.Result.KQL;
                default -> throw new IllegalArgumentException("option 'result' must be series, periods or kql, got '" + o.get("result") + "'");
            });
        }
        if (o.containsKey("anomaly_period")) {
            b.anomalyPeriod(duration("anomaly_period", o.get("anomaly_period")));
        }
        if (o.containsKey("positive_only")) {
            b.positiveOnly(bool(o, "positive_only"));
        }
        return b.build();
    }

    private static java.time.Duration duration(String key, String v) {
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '" + key + "': " + e.getMessage());
        }
    }

    static int integer(Map<String, String> o, String key, int def) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a whole number, got '" + v + "'");
        }
    }

    static double number(Map<String, String> o, String key, double def) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a number, got '" + v + "'");
        }
    }

    static boolean bool(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0", "" -> false;
            default -> throw new IllegalArgumentException("option '" + key + "' must be true or false, got '" + v + "'");
        };
    }
}
