package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time ranges and points as people write them on a command line or in a pipeline file.
 * <ul>
 *   <li>points: {@code now}, offsets from now ({@code -7d}, {@code -24h}, {@code -30m}, {@code -2w}, {@code +1h},
 *       units {@code s m h d w}), ISO-8601 instants ({@code 2026-03-03T10:00:00Z}, with an offset, or without a zone
 *       meaning UTC, also with a space instead of {@code T}) and dates ({@code 2026-03-03}, midnight UTC);</li>
 *   <li>ranges: {@code START..END} or ISO's {@code START/END} (an empty end is now), {@code START/PT2H} (ISO start
 *       and duration), a single offset or duration ({@code -7d}, {@code P7D}: that long up to now), a single date
 *       (that whole day), a single instant (from then to now);</li>
 *   <li>{@code all} or the empty text: no time filter ({@code null}).</li>
 * </ul>
 * Ranges are half-open, {@code [start, end)}.
 */
public final class TimeRanges {
    private static final Pattern OFFSET = Pattern.compile("([+-])\\s*(\\d{1,9})\\s*(ms|s|m|h|d|w)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** What every message about a bad value suggests. */
    public static final String HINT = "use e.g. -7d, -24h..now, 2026-03-02..2026-03-05, 2026-03-03T10:00:00Z/PT2H or all";

    private TimeRanges() {
    }

    /**
     * Parses a time range; {@code null} for {@code all} or empty text.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static TimeRange parse(String text, Clock clock) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("all") || t.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            int dots = t.indexOf("..");
            int slash = dots < 0 ? t.indexOf('/') : -1;
            if (dots >= 0 || slash >= 0) {
                int sep = dots >= 0 ? dots : slash;
                String a = t.substring(0, sep).trim();
                String b = t.substring(sep + (dots >= 0 ? 2 : 1)).trim();
                Instant start = point(a, clock);
                Instant end;
                if (b.isEmpty()) {
                    end = clock.instant();
                } else if (slash >= 0 && (b.startsWith("P") || b.startsWith("p"))) {
                    end = plus(start, b);
                } else {
                    end = point(b, clock);
                }
                return range(start, end, text);
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                Instant now = clock.instant();
                return range(minus(now, t), now, text);
            }
            if (DATE.matcher(t).matches()) {
                Instant day = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                return new TimeRange(day, day.plus(Duration.ofDays(1)));
            }
            Instant p = point(t, clock);
            Instant now = clock.instant();
            return p.isAfter(now) ? range(now, p, text) : range(p, now, text);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time range (" + HINT + ")");
        }
    }

    private static TimeRange range(Instant start, Instant end, String text) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("'" + text + "' ends before it starts");
        }
        return new TimeRange(start, end);
    }

    /**
     * Parses a point in time.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Instant point(String text, Clock clock) {
        String s = text.trim();
        if (s.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        Matcher m = OFFSET.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
            Duration d = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return clock.instant().plus(d);
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11).trim() : s;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // the next form
        }
        try {
            return ZonedDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // the next form
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // the next form
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time (use now, -7d, -24h, 2026-03-03 or 2026-03-03T10:00:00Z)");
        }
    }

    private static Instant plus(Instant start, String iso) {
        String u = iso.toUpperCase(Locale.ROOT);
        if (u.contains("T")) {
            return start.plus(Duration.parse(u));
        }
        return start.atZone(ZoneOffset.UTC).plus(Period.parse(u)).toInstant();
    }

    private static Instant minus(Instant end, String iso) {
        String u = iso.toUpperCase(Locale.ROOT);
        if (u.contains("T")) {
            return end.minus(Duration.parse(u));
        }
        return end.atZone(ZoneOffset.UTC).minus(Period.parse(u)).toInstant();
    }

    /** The text form that {@link #parse} reads back: {@code START..END} in ISO-8601, or {@code all}. */
    public static String format(TimeRange range) {
        return range == null ? "all" : range.start() + ".." + range.end();
    }
}
