package dev.hunt4j.benchmarks;

import dev.hunt4j.analysis.timeseries.Scoring;
import dev.hunt4j.analysis.timeseries.SeriesAnomalies;
import dev.hunt4j.analysis.timeseries.TimeSeriesAnalyzer;
import dev.hunt4j.analysis.timeseries.TimeSeriesAnomalies;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STL anomaly detection over many series: one operation decomposes and scores {@value #SERIES} series of
 * {@value #POINTS} hourly points (30 days, seeded: trend, daily cycle, noise, a few spikes), on both cores or one.
 * Reported as seconds per operation. {@link #main} runs the same through the table analyzer with a group-by
 * column (rows generated on the fly) and prints the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class TimeSeriesBenchmark {
    static final int SERIES = 10_000;
    static final int POINTS = 720;

    List<double[]> series;
    TimeSeriesAnomalies parallel;
    TimeSeriesAnomalies single;
    TimeSeriesAnomalies msticpy;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        series = new ArrayList<>(SERIES);
        for (int s = 0; s < SERIES; s++) {
            series.add(series(rnd));
        }
        parallel = TimeSeriesAnomalies.builder().parallelism(2).build();
        single = TimeSeriesAnomalies.builder().parallelism(1).build();
        msticpy = TimeSeriesAnomalies.builder().scoring(Scoring.MSTICPY).parallelism(2).build();
    }

    static double[] series(SplittableRandom rnd) {
        double level = 100 + rnd.nextDouble() * 10_000;
        double amp = level * (0.1 + rnd.nextDouble() * 0.5);
        double[] y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            y[i] = level * (1 + 0.0002 * i) + amp * Math.sin(2 * Math.PI * i / 24) + rnd.nextGaussian() * level * 0.05;
            if (rnd.nextInt(500) == 0) {
                y[i] += level * 3;
            }
        }
        return y;
    }

    /** 10,000 series on 2 threads, robust scoring. */
    @Benchmark
    public int tenThousandSeriesTwoThreads() {
        return count(parallel.detectAll(series));
    }

    /** 10,000 series on 1 thread. */
    @Benchmark
    public int tenThousandSeriesOneThread() {
        return count(single.detectAll(series));
    }

    /** 10,000 series on 2 threads, MSTICPy scoring. */
    @Benchmark
    public int tenThousandSeriesMsticpyScoring() {
        return count(msticpy.detectAll(series));
    }

    private static int count(List<SeriesAnomalies> r) {
        int n = 0;
        for (SeriesAnomalies a : r) {
            n += a.anomalyCount();
        }
        return n;
    }

    /** Times the table analyzer (group by series id) over 10,000 × 720 generated rows, three times. */
    public static void main(String[] args) {
        List<Column> cols = List.of(new Column("TimeGenerated", ColumnType.TIMESTAMP), new Column("Computer", ColumnType.STRING),
                new Column("Bytes", ColumnType.DOUBLE));
        for (int run = 0; run < 3; run++) {
            SplittableRandom rnd = new SplittableRandom(7);
            Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
            ResultStream in = new ResultStream() {
                int s;
                int i = POINTS;
                double[] y;

                @Override
                public List<Column> columns() {
                    return cols;
                }

                @Override
                public Object[] next() {
                    if (i == POINTS) {
                        if (s == SERIES) {
                            return null;
                        }
                        y = series(rnd);
                        s++;
                        i = 0;
                    }
                    Object[] r = {t0.plusSeconds(3600L * i), "host" + s, y[i]};
                    i++;
                    return r;
                }

                @Override
                public void close() {
                }
            };
            long start = System.nanoTime();
            TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().valueColumn("Bytes").groupBy(List.of("Computer"));
            b.detector().parallelism(2);
            long rows = 0;
            long flagged = 0;
            try (ResultStream out = b.build().analyze(in)) {
                for (Object[] r = out.next(); r != null; r = out.next()) {
                    rows++;
                    flagged += (Long) r[r.length - 1] != 0 ? 1 : 0;
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("run %d: %,d series, %,d rows, %,d flagged in %.2f s (%.0f series/s)%n", run + 1, SERIES, rows, flagged, secs, SERIES / secs);
        }
    }
}
