package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource({
        "2024-01-31T12:34:56Z, 2024-01-31T12:34:56Z",
        "2024-01-31 12:34:56, 2024-01-31T12:34:56Z",
        "2024-01-31T12:34:56.1234567, 2024-01-31T12:34:56.1234567Z",
        "2024-01-31 12:34:56.123456+00:00, 2024-01-31T12:34:56.123456Z",
        "2024-01-31T12:34:56+05:30, 2024-01-31T07:04:56Z",
        "2024-01-31T12:34:56-0800, 2024-01-31T20:34:56Z",
        "2024-01-31T12:34:56+01, 2024-01-31T11:34:56Z",
        "2024-01-31T12:34Z, 2024-01-31T12:34:00Z",
        "2024-02-29, 2024-02-29T00:00:00Z",
        "1969-12-31T23:59:59Z, 1969-12-31T23:59:59Z",
        "2000-03-01T00:00:00.999999999999Z, 2000-03-01T00:00:00.999999999Z",
    })
    void accepted(String text, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024", "2024-1-01", "2023-02-29", "2024-13-01", "2024-01-32", "2024-01-01T24:00:00Z",
            "2024-01-01T10:60", "2024-01-01T10:00:00.Z", "2024-01-01T10:00:00 Z", "2024-01-01T10:00:00+5", "2024-01-01X10:00",
            "20240101", "not a date", "2024-01-01T10:00:00ZZ", "1.5", "2024-01-01T10:00:00+01:00:00"})
    void rejected(String text) {
        assertNull(Timestamps.parse(text));
    }

    @Test
    void agreesWithTheJdkOnRandomInstants() {
        Random r = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong() % 8_000_000_000L, r.nextInt(1_000_000_000));
            if (t.isBefore(Instant.parse("0001-01-01T00:00:00Z"))) {
                continue;
            }
            assertEquals(t, Timestamps.parse(t.toString()), t.toString());
            OffsetDateTime odt = t.atOffset(java.time.ZoneOffset.ofHoursMinutes(-3, -30));
            assertEquals(t, Timestamps.parse(odt.toString()), odt.toString());
        }
    }
}
