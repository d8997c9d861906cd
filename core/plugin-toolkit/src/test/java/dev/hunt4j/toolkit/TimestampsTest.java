package dev.hunt4j.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void theFormsServicesWrite() {
        assertEquals(Instant.parse("2024-03-26T09:39:50.768864100Z"), Timestamps.parse("2024-03-26T09:39:50.7688641Z"));
        assertEquals(Instant.parse("2024-03-26T09:39:50Z"), Timestamps.parse("2024-03-26T09:39:50Z"));
        assertEquals(Instant.parse("2024-03-26T09:39:50Z"), Timestamps.parse("2024-03-26 09:39:50"));
        assertEquals(Instant.parse("2024-03-26T08:39:50.123Z"), Timestamps.parse("2024-03-26T09:39:50.123+01:00"));
        assertEquals(Instant.parse("2024-03-26T14:39:50Z"), Timestamps.parse("2024-03-26T09:39:50-0500"));
        assertEquals(Instant.parse("2024-03-26T07:39:50Z"), Timestamps.parse("2024-03-26T09:39:50+02"));
        assertEquals(Instant.parse("2024-03-26T00:00:00Z"), Timestamps.parse("2024-03-26"));
        assertEquals(Instant.parse("2024-03-26T09:39:00Z"), Timestamps.parse("2024-03-26T09:39Z"));
        assertEquals(Instant.parse("2024-01-01T00:00:00.250Z"), Timestamps.parse("1704067200.250"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.999999999Z"), Timestamps.parse("2024-02-29T23:59:59.9999999999Z"));
        assertEquals(Instant.parse("1601-01-01T00:00:00Z"), Timestamps.parse("1601-01-01T00:00:00Z"));
    }

    @Test
    void agreesWithTheJdkOnRandomTimes() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(rnd.nextLong() % 8_000_000_000L, rnd.nextInt(1_000_000_000));
            assertEquals(t, Timestamps.parse(t.toString()), t.toString());
            String withOffset = OffsetDateTime.ofInstant(t, java.time.ZoneOffset.ofHoursMinutes(-3, -30)).toString();
            assertEquals(t, Timestamps.parse(withOffset), withOffset);
        }
    }

    @Test
    void boundsAreRoundedUpToTheServiceGrid() {
        assertEquals("2024-03-01T00:00:00Z", Timestamps.kusto(Instant.parse("2024-03-01T00:00:00Z")));
        assertEquals("2024-03-01T00:00:00.8729702Z", Timestamps.kusto(Instant.parse("2024-03-01T00:00:00.872970136Z")));
        assertEquals("2024-03-01T00:00:00.1000000Z", Timestamps.kusto(Instant.parse("2024-03-01T00:00:00.1Z")));
        assertEquals("2024-03-01T00:00:01Z", Timestamps.kusto(Instant.parse("2024-03-01T00:00:00.99999999Z")));
        assertEquals(Instant.parse("2024-03-01T00:00:00.000002Z"), Timestamps.ceil(Instant.parse("2024-03-01T00:00:00.000001001Z"), 1000));
    }

    @Test
    void rejectsWhatIsNotATimestamp() {
        for (String bad : new String[] {"yesterday", "2024-13-01", "2024-02-30T00:00:00Z", "2024-01-01T25:00:00Z", "12:00", "1e9"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
