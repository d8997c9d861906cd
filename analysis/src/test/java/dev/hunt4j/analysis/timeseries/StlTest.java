package dev.hunt4j.analysis.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StlTest {
    /** A generated series: trend, daily cycle and a deterministic jitter. */
    static double[] series(int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 10 + 0.05 * i + 3 * Math.sin(2 * Math.PI * i / 24) + ((i * 37) % 11 - 5) * 0.3;
        }
        return y;
    }

    // Reference values: statsmodels 0.15 STL(y, period=24, seasonal=7).fit() on series(96), computed once offline.
    @Test
    void matchesStatsmodels() {
        StlResult r = Stl.builder().build().decompose(series(96));
        assertEquals(9.827274123458976, r.trend()[0], 1e-9);
        assertEquals(-0.6396953524778153, r.seasonal()[0], 1e-9);
        assertEquals(-0.68757877098116, r.residual()[0], 1e-9);
        assertEquals(9.886211618540045, r.trend()[1], 1e-9);
        assertEquals(0.1852167130219629, r.seasonal()[1], 1e-9);
        assertEquals(11.502892957814634, r.trend()[30], 1e-9);
        assertEquals(3.333976824671208, r.seasonal()[30], 1e-9);
        assertEquals(1.1631302175141585, r.residual()[30], 1e-9);
        assertEquals(12.999848544980257, r.trend()[60], 1e-9);
        assertEquals(14.692723475201108, r.trend()[95], 1e-9);
        assertEquals(-0.014159345197973036, r.seasonal()[95], 1e-9);
        assertEquals(1.0, r.weights()[50]);
    }

    @Test
    void robustMatchesStatsmodels() {
        StlResult r = Stl.builder().robust(true).build().decompose(series(96));
        assertEquals(10.31253721566519, r.trend()[0], 1e-9);
        assertEquals(-1.783292513262309, r.seasonal()[0], 1e-9);
        assertEquals(0.9985765344440981, r.weights()[0], 1e-9);
        assertEquals(12.353858839692164, r.trend()[47], 1e-9);
        assertEquals(0.0, r.weights()[47], 1e-12);
        assertEquals(0.005838897804794314, r.seasonal()[95], 1e-9);
    }

    @Test
    void otherPeriodAndShortSubseries() {
        double[] y = java.util.Arrays.copyOf(series(96), 50);
        StlResult r = Stl.builder().period(12).seasonal(9).build().decompose(y);
        assertEquals(13.003900906985967, r.trend()[0], 1e-9);
        assertEquals(-2.9581938540915877, r.seasonal()[0], 1e-9);
        assertEquals(0.15535648401267985, r.seasonal()[25], 1e-9);
        assertEquals(2.6476592851726637, r.seasonal()[49], 1e-9);
    }

    @Test
    void statsmodelsWindowDefaults() {
        Stl stl = Stl.builder().build();
        assertEquals(47, stl.trend());
        assertEquals(25, stl.lowPass());
        assertEquals(7, stl.seasonal());
    }

    @Test
    void componentsAddUp() {
        double[] y = series(240);
        StlResult r = Stl.builder().build().decompose(y);
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i], r.trend()[i] + r.seasonal()[i] + r.residual()[i], 1e-9);
        }
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Stl.builder().build().decompose(new double[47]));
        assertTrue(e.getMessage().contains("two periods"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stl.builder().seasonal(8).build());
        assertThrows(IllegalArgumentException.class, () -> Stl.builder().trend(23).build());
        double[] y = series(96);
        y[5] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> Stl.builder().build().decompose(y));
    }
}
