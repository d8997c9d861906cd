package dev.hunt4j.visualization;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/** Reads the time values that logs carry: Instants, ISO-8601 text with or without zone, epoch numbers. */
final class Times {
    /** {@code 2024-05-01T10:00:00.123Z}, {@code 2024-05-01 10:00:00}, {@code 2024-05-01T10:00+02:00}, ... */
    private static final DateTimeFormatter FLEXIBLE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendLiteral("UTC").optionalEnd()
            .toFormatter();

    private Times() {
    }

    /** Epoch milliseconds, or null when {@code v} is empty or no time. Text without a zone is UTC. */
    static Long millis(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant().toEpochMilli();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant().toEpochMilli();
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (v instanceof Date d) {
            return d.getTime();
        }
        if (v instanceof Number n) {
            return epoch(n.doubleValue());
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (s.length() <= 16 && (Character.isDigit(c) || c == '-') && s.indexOf('-', 1) < 0 && s.indexOf(':') < 0) {
            try {
                return epoch(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            TemporalAccessor t = FLEXIBLE.parse(s);
            LocalDate date = LocalDate.from(t);
            long secondOfDay = t.isSupported(ChronoField.HOUR_OF_DAY)
                    ? t.get(ChronoField.HOUR_OF_DAY) * 3600L + t.get(ChronoField.MINUTE_OF_HOUR) * 60L
                      + (t.isSupported(ChronoField.SECOND_OF_MINUTE) ? t.get(ChronoField.SECOND_OF_MINUTE) : 0)
                    : 0;
            long nanos = t.isSupported(ChronoField.NANO_OF_SECOND) ? t.getLong(ChronoField.NANO_OF_SECOND) : 0;
            int offset = t.isSupported(ChronoField.OFFSET_SECONDS) ? t.get(ChronoField.OFFSET_SECONDS) : 0;
            long seconds = date.toEpochDay() * 86_400L + secondOfDay - offset;
            return seconds * 1000 + nanos / 1_000_000;
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Seconds, milliseconds, microseconds or nanoseconds since the epoch, told apart by size. */
    private static Long epoch(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        double a = Math.abs(d);
        if (a < 1e11) {
            return Math.round(d * 1000);
        }
        if (a < 1e14) {
            return Math.round(d);
        }
        if (a < 1e17) {
            return Math.round(d / 1000);
        }
        return Math.round(d / 1_000_000);
    }

    /** {@code 2024-05-01 10:00:00} (UTC) for epoch milliseconds. */
    static String iso(long millis) {
        return DISPLAY.format(Instant.ofEpochMilli(millis));
    }

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
}
