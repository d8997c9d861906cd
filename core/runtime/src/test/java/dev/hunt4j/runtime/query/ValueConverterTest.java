package dev.hunt4j.runtime.query;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static dev.hunt4j.runtime.query.TestQueries.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueConverterTest {

    private static Object convert(Object value, String type) {
        return ValueConverter.convert(value, type, CLOCK);
    }

    private static Instant time(Object value) {
        return (Instant) convert(value, "datetime");
    }

    @Test
    void absoluteTimes() {
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), time("2024-01-01T10:00:00Z"));
        assertEquals(Instant.parse("2024-01-01T08:00:00Z"), time("2024-01-01T10:00:00+02:00"));
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), time("2024-01-01 10:00:00"));
        assertEquals(Instant.parse("2024-01-01T10:00:00.250Z"), time(" 2024-01-01T10:00:00.25 "));
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), time("2024-01-01T10:00"));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), time("2024-01-01"));
        assertEquals(Instant.parse("2024-01-01T00:00:00.123456Z"), time(Instant.parse("2024-01-01T00:00:00.123456789Z")));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), time(LocalDate.of(2024, 1, 1)));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), time(OffsetDateTime.of(2024, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1))));
    }

    @Test
    void relativeTimes() {
        assertEquals(TestQueries.NOW, time("now"));
        assertEquals(Instant.parse("2024-05-03T12:00:00Z"), time("-7d"));
        assertEquals(Instant.parse("2024-05-09T12:00:00Z"), time("-24h"));
        assertEquals(Instant.parse("2024-05-10T11:30:00Z"), time("-30m"));
        assertEquals(Instant.parse("2024-04-26T12:00:00Z"), time("-2w"));
        assertEquals(Instant.parse("2024-05-10T11:59:50Z"), time("-10s"));
        assertEquals(Instant.parse("2024-04-10T12:00:00Z"), time("-1mon"));
        assertEquals(Instant.parse("2023-05-10T12:00:00Z"), time("-1y"));
        assertEquals(Instant.parse("2024-05-11T12:00:00Z"), time("+1d"));
        assertEquals(Instant.parse("2024-05-07T12:00:00Z"), time("-3"), "a bare number is days, as in MSTICPy");
        assertEquals(Instant.parse("2024-05-07T00:00:00Z"), time("-3d@d"), "rounded down to the day");
        assertEquals(Instant.parse("2024-05-12T00:00:00Z"), time("1d@d"), "a forward offset rounds up");
        assertEquals(Instant.parse("2024-05-03T12:00:00Z"), time(-7L), "numbers are days from now");
        assertEquals(Instant.parse("2024-05-11T00:00:00Z"), time(0.5));
    }

    @Test
    void badTimes() {
        for (Object bad : List.of("yesterday", "2024-13-01", "", "-7x", "10:00", List.of("2024-01-01"), Double.NaN)) {
            assertThrows(IllegalArgumentException.class, () -> time(bad), String.valueOf(bad));
        }
    }

    @Test
    void integers() {
        assertEquals(42L, convert("42", "int"));
        assertEquals(-3L, convert(" -3 ", "int"));
        assertEquals(4L, convert(4.0, "int"));
        assertEquals(7L, convert(7, "int"));
        for (Object bad : List.of("4.0", "4.5", 4.5, "abc", "", "99999999999999999999", true)) {
            assertThrows(IllegalArgumentException.class, () -> convert(bad, "int"), String.valueOf(bad));
        }
    }

    @Test
    void floats() {
        assertEquals(1.5, convert("1.5", "float"));
        assertEquals(-2.0, convert("-2", "float"));
        assertEquals(0.5, convert(".5", "float"));
        assertEquals(1000.0, convert("1e3", "float"));
        assertEquals(3.0, convert(3L, "float"));
        for (Object bad : List.of("0x10", "1.5d", "NaN", "Infinity", "", Double.POSITIVE_INFINITY, "1,5")) {
            assertThrows(IllegalArgumentException.class, () -> convert(bad, "float"), String.valueOf(bad));
        }
    }

    @Test
    void booleans() {
        assertEquals(true, convert("true", "bool"));
        assertEquals(true, convert("YES", "bool"));
        assertEquals(false, convert(" no ", "bool"));
        assertEquals(false, convert(false, "bool"));
        for (Object bad : List.of("1", "0", "maybe", 1L)) {
            assertThrows(IllegalArgumentException.class, () -> convert(bad, "bool"), String.valueOf(bad));
        }
    }

    @Test
    void lists() {
        assertEquals(List.of("a", "b", "c"), convert(" a, b,,c ", "list"));
        assertEquals(List.of("single"), convert("single", "list"));
        assertEquals(List.of(), convert("", "list"));
        assertEquals(List.of(1L, "x", 2.5, true), convert(List.of(1, "x", 2.5f, true), "list"));
        assertEquals(List.of(5L), convert(5L, "list"));
        assertEquals(List.of(Instant.parse("2024-01-01T00:00:00Z")), convert(List.of(LocalDate.of(2024, 1, 1)), "list"));
        assertThrows(IllegalArgumentException.class, () -> convert(List.of(List.of("nested")), "list"));
        assertThrows(IllegalArgumentException.class, () -> convert(List.of(new Object()), "list"));
    }

    @Test
    void text() {
        assertEquals("x y", convert("x y", "str"));
        assertEquals("5", convert(5L, "str"));
        assertEquals("2", convert(2.0, "str"));
        assertEquals("true", convert(true, "str"));
        assertEquals("2024-01-01T00:00:00Z", convert(Instant.parse("2024-01-01T00:00:00Z"), "str"));
        assertThrows(IllegalArgumentException.class, () -> convert(List.of("a"), "str"));
    }
}
