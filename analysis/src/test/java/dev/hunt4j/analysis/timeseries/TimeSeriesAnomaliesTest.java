package dev.hunt4j.analysis.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimeSeriesAnomaliesTest {
    /** 30 days hourly: slow trend, daily cycle, uniform noise in [-1, 1], seeded; spikes at 200 and 600, a dip at 410. */
    static double[] planted() {
        Random rnd = new Random(42);
        double[] y = new double[720];
        for (int i = 0; i < y.length; i++) {
            y[i] = 100 + 0.02 * i + 20 * Math.sin(2 * Math.PI * i / 24) + (rnd.nextDouble() * 2 - 1);
        }
        y[200] += 15;
        y[410] -= 15;
        y[600] += 15;
        return y;
    }

    static Map<Integer, Integer> flagged(SeriesAnomalies r) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < r.size(); i++) {
            if (r.anomalies()[i] != 0) {
                m.put(i, r.anomalies()[i]);
            }
        }
        return m;
    }

    @Test
    void msticpyScoringFlagsOnlyPositiveScores() {
        SeriesAnomalies r = TimeSeriesAnomalies.builder().scoring(Scoring.MSTICPY).build().detect(planted());
        // as MSTICPy: the dip at 410 is never flagged, but the non-robust STL leaks it into the seasonal
        // component, so the same hour one day before and after (386, 434) gets a positive residual that is flagged
        Map<Integer, Integer> expected = new TreeMap<>(Map.of(200, 1, 386, 1, 434, 1, 600, 1));
        assertEquals(expected, flagged(r));
        // components are whole numbers (MSTICPy's astype("int64"))
        for (int i = 0; i < r.size(); i++) {
            assertEquals(Math.rint(r.residual()[i]), r.residual()[i]);
            assertEquals(Math.rint(r.baseline()[i]), r.baseline()[i]);
        }
    }

    @Test
    void msticpySignComesFromTheSeasonalComponent() {
        double[] y = planted();
        y[200] -= 15;
        y[212] += 15; // 212 is in the trough of the daily cycle: seasonal < 0
        SeriesAnomalies r = TimeSeriesAnomalies.builder().scoring(Scoring.MSTICPY).build().detect(y);
        assertTrue(r.seasonal()[212] < 0);
        assertEquals(-1, r.anomalies()[212]);
        assertEquals(1, r.anomalies()[600]);
    }

    @Test
    void robustScoringFlagsSpikesAndDips() {
        SeriesAnomalies r = TimeSeriesAnomalies.builder().robustStl(true).threshold(5).build().detect(planted());
        assertEquals(new TreeMap<>(Map.of(200, 1, 410, -1, 600, 1)), flagged(r));
        assertTrue(r.score()[410] < -30, "dip score " + r.score()[410]);
    }

    @Test
    void robustScoringWithPlainStlFindsThePlantedPoints() {
        Map<Integer, Integer> f = flagged(TimeSeriesAnomalies.builder().build().detect(planted()));
        assertEquals(1, f.get(200));
        assertEquals(-1, f.get(410));
        assertEquals(1, f.get(600));
    }

    @Test
    void lowThresholdOnlyForDips() {
        SeriesAnomalies r = TimeSeriesAnomalies.builder().robustStl(true).threshold(5).lowThreshold(50).build().detect(planted());
        assertEquals(new TreeMap<>(Map.of(200, 1, 600, 1)), flagged(r));
    }

    @Test
    void missingValuesAreInterpolatedAndNeverFlagged() {
        double[] y = planted();
        y[300] = Double.NaN;
        y[301] = Double.NaN;
        SeriesAnomalies r = TimeSeriesAnomalies.builder().robustStl(true).threshold(5).build().detect(y);
        assertTrue(r.missing()[300] && r.missing()[301] && !r.missing()[299]);
        assertTrue(Double.isNaN(r.score()[300]));
        assertEquals(0, r.anomalies()[300]);
        assertEquals((y[299] * 2 + y[302]) / 3, r.values()[300], 1e-9);
        assertEquals(new TreeMap<>(Map.of(200, 1, 410, -1, 600, 1)), flagged(r));
        // at the ends the nearest value is repeated
        y[0] = Double.NaN;
        assertEquals(y[1], TimeSeriesAnomalies.builder().build().detect(y).values()[0]);
    }

    @Test
    void shortSeriesIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesAnomalies.builder().build().detect(new double[30]));
        assertTrue(e.getMessage().contains("at least two periods (48 points"), e.getMessage());
        double[] nan = new double[100];
        java.util.Arrays.fill(nan, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> TimeSeriesAnomalies.builder().build().detect(nan));
    }

    @Test
    void constantSeriesHasNoAnomalies() {
        double[] y = new double[96];
        java.util.Arrays.fill(y, 5);
        SeriesAnomalies r = TimeSeriesAnomalies.builder().build().detect(y);
        assertEquals(0, r.anomalyCount());
        SeriesAnomalies m = TimeSeriesAnomalies.builder().scoring(Scoring.MSTICPY).build().detect(y);
        assertEquals(0, m.anomalyCount());
        assertTrue(Double.isNaN(m.score()[0]), "scipy's zscore of a constant is NaN");
    }

    @Test
    void manySeriesInParallelKeepOrderAndNameTheFailingOne() {
        double[] a = planted();
        double[] b = StlTest.series(96);
        List<SeriesAnomalies> r = TimeSeriesAnomalies.builder().parallelism(2).build().detectAll(List.of(a, b, a));
        assertEquals(720, r.get(0).size());
        assertEquals(96, r.get(1).size());
        assertEquals(flagged(r.get(0)), flagged(r.get(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesAnomalies.builder().parallelism(2).build().detectAll(List.of(a, new double[10]), List.of("host a", "host b")));
        assertTrue(e.getMessage().startsWith("host b:"), e.getMessage());
        assertFalse(e.getMessage().contains("host a"));
    }
}
