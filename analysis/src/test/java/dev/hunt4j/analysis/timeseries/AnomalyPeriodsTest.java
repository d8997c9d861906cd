package dev.hunt4j.analysis.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyPeriodsTest {
    private static final long HOUR = 3_600_000_000_000L;
    private static final long DAY0 = Instant.parse("2019-05-13T00:00:00Z").getEpochSecond() * 1_000_000_000L;

    @Test
    void mergesAnomaliesWithinTwoPeriods() {
        long[] t = new long[24];
        int[] a = new int[24];
        for (int i = 0; i < 24; i++) {
            t[i] = DAY0 + i * HOUR + 17 * 60_000_000_000L; // xx:17, floored to the hour
        }
        a[5] = 1;
        a[6] = 1;
        a[8] = 1;  // 2 h after 6: merged
        a[11] = 1; // 3 h after 8: a new period
        a[15] = -1; // a dip: only with positiveOnly=false
        List<TimePeriod> p = AnomalyPeriods.extract(t, a, Duration.ofHours(1), true);
        assertEquals(List.of(
                new TimePeriod(Instant.parse("2019-05-13T04:00:00Z"), Instant.parse("2019-05-13T09:00:00Z")),
                new TimePeriod(Instant.parse("2019-05-13T10:00:00Z"), Instant.parse("2019-05-13T12:00:00Z"))), p);
        assertEquals(3, AnomalyPeriods.extract(t, a, Duration.ofHours(1), false).size());
    }

    @Test
    void kqlFilterAsMsticpy() {
        List<TimePeriod> p = List.of(
                new TimePeriod(Instant.parse("2019-05-13T16:00:00Z"), Instant.parse("2019-05-13T18:00:00Z")),
                new TimePeriod(Instant.parse("2019-05-17T20:00:00Z"), Instant.parse("2019-05-17T22:00:00.5Z")));
        assertEquals("| where TimeGenerated between (datetime(2019-05-13 16:00:00+00:00) .. datetime(2019-05-13 18:00:00+00:00))"
                + " or TimeGenerated between (datetime(2019-05-17 20:00:00+00:00) .. datetime(2019-05-17 22:00:00.500000+00:00))",
                AnomalyPeriods.kqlFilter(p));
        assertEquals("| where ", AnomalyPeriods.kqlFilter(List.of()));
    }
}
