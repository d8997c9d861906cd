package dev.hunt4j.analysis.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeTest {
    private static long ns(String iso) {
        return EventTime.toNanos(Instant.parse(iso));
    }

    @Test
    void parsesTheFormsLogsUse() {
        assertEquals(ns("2019-01-15T05:15:15.677Z"), EventTime.parse("2019-01-15 05:15:15.677"));
        assertEquals(ns("2019-01-15T05:15:15.677Z"), EventTime.parse("2019-01-15T05:15:15.677Z"));
        assertEquals(ns("2021-06-23T03:08:14.159814200Z"), EventTime.parse("2021-06-23 03:08:14.159814200+00:00"));
        assertEquals(ns("2021-04-01T05:04:58Z"), EventTime.parse("2021-04-01 05:04:58.000000 "));
        assertEquals(ns("2021-04-01T03:04:58Z"), EventTime.parse("2021-04-01T05:04:58+02:00"));
        assertEquals(ns("2023-03-16T03:08:58Z"), EventTime.parse("Thu Mar 16 03:08:58 2023 UTC"));
        assertEquals(ns("2020-04-18T16:50:30Z"), EventTime.parse("4/18/2020 4:50:30 PM"));
        assertEquals(ns("2019-02-18T16:00:27Z"), EventTime.parse("1550505627"));
        assertEquals(ns("2019-02-18T16:00:27.301Z"), EventTime.parse(1550505627301L));
        assertEquals(ns("2024-02-29T00:00:00Z"), EventTime.parse("2024-02-29"));
        assertEquals(ns("1969-12-31T23:59:59Z"), EventTime.parse("1969-12-31 23:59:59 UTC"));
        assertEquals(EventTime.MISSING, EventTime.parse("  "));
        assertEquals(EventTime.MISSING, EventTime.parse(null));
        assertThrows(IllegalArgumentException.class, () -> EventTime.parse("yesterday"));
    }

    @Test
    void formats() {
        assertEquals("2019-01-15 05:15:15.677000", EventTime.formatMicros10(ns("2019-01-15T05:15:15.677Z")));
        assertEquals("2021-06-23 03:08:14.159810", EventTime.formatMicros10(ns("2021-06-23T03:08:14.159814200Z")));
        assertEquals("1970-01-01 00:00:00.000000", EventTime.formatMicros10(0));
        assertEquals("2019-05-13 16:00:00+00:00", EventTime.formatPandasUtc(ns("2019-05-13T16:00:00Z")));
    }
}
