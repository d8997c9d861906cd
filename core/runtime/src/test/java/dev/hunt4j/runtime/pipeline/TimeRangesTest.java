package dev.hunt4j.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangesTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    static TimeRange r(String s) {
        return TimeRanges.parse(s, CLOCK);
    }

    static TimeRange of(String a, String b) {
        return new TimeRange(Instant.parse(a), Instant.parse(b));
    }

    @Test
    void relativeRangesEndNow() {
        assertEquals(of("2026-03-03T12:00:00Z", "2026-03-10T12:00:00Z"), r("-7d"));
        assertEquals(of("2026-03-09T12:00:00Z", "2026-03-10T12:00:00Z"), r("-24h..now"));
        assertEquals(of("2026-03-09T12:00:00Z", "2026-03-10T12:00:00Z"), r("-24h.."));
        assertEquals(of("2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z"), r("-3d..-1d"));
        assertEquals(of("2026-03-10T11:30:00Z", "2026-03-10T12:00:00Z"), r("-30m"));
        assertEquals(of("2026-02-24T12:00:00Z", "2026-03-10T12:00:00Z"), r("-2w"));
        assertEquals(of("2026-03-03T12:00:00Z", "2026-03-10T12:00:00Z"), r("P7D"));
    }

    @Test
    void isoRangesDatesAndDurations() {
        assertEquals(of("2026-03-02T00:00:00Z", "2026-03-05T00:00:00Z"), r("2026-03-02..2026-03-05"));
        assertEquals(of("2026-03-02T00:00:00Z", "2026-03-05T00:00:00Z"), r("2026-03-02/2026-03-05"));
        assertEquals(of("2026-03-03T10:00:00Z", "2026-03-03T12:00:00Z"), r("2026-03-03T10:00:00Z/PT2H"));
        assertEquals(of("2026-03-03T08:00:00Z", "2026-03-03T10:00:00Z"), r("2026-03-03T10:00:00+02:00..2026-03-03 10:00:00"));
        assertEquals(of("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"), r("2026-03-03"));
        assertEquals(of("2026-03-10T00:00:00Z", "2026-03-10T12:00:00Z"), r("2026-03-10T00:00"));
        assertEquals("2026-03-02T00:00:00Z..2026-03-05T00:00:00Z", TimeRanges.format(r("2026-03-02..2026-03-05")));
    }

    @Test
    void allIsNoFilterAndBadTextSaysWhatWorks() {
        assertNull(r("all"));
        assertNull(r(""));
        assertEquals("all", TimeRanges.format(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r("last tuesday"));
        assertTrue(e.getMessage().contains("-24h..now"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r("2026-03-05..2026-03-02"));
    }
}
