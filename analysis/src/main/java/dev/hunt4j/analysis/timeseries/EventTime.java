package dev.hunt4j.analysis.timeseries;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Event time stamps as epoch nanoseconds, parsed from the forms security logs use, without regular expressions on
 * the common path: ISO-8601 and the {@code yyyy-MM-dd HH:mm:ss[.fffffffff]} form of Log Analytics, Sentinel and pandas
 * (with {@code Z}, {@code +00:00}, {@code UTC} or no zone: UTC), osquery's {@code Thu Mar 16 03:08:58 2023 UTC},
 * Exchange's {@code 4/18/2020 4:50:30 AM}, and epoch seconds or milliseconds. Shared by the event analyzers.
 */
public final class EventTime {
    /** Returned for a missing (null or blank) time. */
    public static final long MISSING = Long.MIN_VALUE;

    private static final List<DateTimeFormatter> FALLBACK = List.of(
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy z", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.ENGLISH));

    private EventTime() {
    }

    /**
     * The time as epoch nanoseconds: {@link #MISSING} for null or blank.
     *
     * @throws IllegalArgumentException when the value is not a time (the message quotes it)
     */
    public static long parse(Object value) {
        if (value == null) {
            return MISSING;
        }
        if (value instanceof Instant i) {
            return toNanos(i);
        }
        if (value instanceof Number n) {
            return epochNumber(n.longValue());
        }
        String s = value.toString();
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            return MISSING;
        }
        long fast = fastIso(s, from, to);
        if (fast != MISSING) {
            return fast;
        }
        return slow(s.substring(from, to));
    }

    /** The time as an {@link Instant}, or null when missing. */
    public static Instant parseInstant(Object value) {
        long n = parse(value);
        return n == MISSING ? null : ofNanos(n);
    }

    /** Epoch nanoseconds of an instant. */
    public static long toNanos(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    /** The instant of epoch nanoseconds. */
    public static Instant ofNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static long epochNumber(long v) {
        long abs = Math.abs(v);
        if (abs < 100_000_000_000L) {
            return v * 1_000_000_000L; // seconds
        }
        if (abs < 100_000_000_000_000L) {
            return v * 1_000_000L; // milliseconds
        }
        if (abs < 100_000_000_000_000_000L) {
            return v * 1_000L; // microseconds
        }
        return v;
    }

    /** yyyy-MM-dd[T ]HH:mm[:ss[.f+]][Z|+hh:mm|+hhmm|+hh| UTC| GMT]; MISSING when the text has another shape. */
    private static long fastIso(String s, int from, int to) {
        int len = to - from;
        if (len < 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            if (len >= 9 && len <= 13 && allDigits(s, from, to)) {
                return epochNumber(Long.parseLong(s.substring(from, to)));
            }
            return MISSING;
        }
        int y = digits(s, from, 4);
        int mo = digits(s, from + 5, 2);
        int d = digits(s, from + 8, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) {
            return MISSING;
        }
        int p = from + 10;
        int h = 0;
        int mi = 0;
        int sec = 0;
        long nano = 0;
        if (p < to) {
            char sep = s.charAt(p);
            if (sep != 'T' && sep != ' ' && sep != 't') {
                return MISSING;
            }
            if (p + 6 > to || s.charAt(p + 3) != ':') {
                return MISSING;
            }
            h = digits(s, p + 1, 2);
            mi = digits(s, p + 4, 2);
            p += 6;
            if (p < to && s.charAt(p) == ':') {
                if (p + 3 > to) {
                    return MISSING;
                }
                sec = digits(s, p + 1, 2);
                p += 3;
                if (p < to && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
                    p++;
                    int nd = 0;
                    while (p < to && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                        if (nd < 9) {
                            nano = nano * 10 + (s.charAt(p) - '0');
                        }
                        nd++;
                        p++;
                    }
                    if (nd == 0) {
                        return MISSING;
                    }
                    for (int k = nd; k < 9; k++) {
                        nano *= 10;
                    }
                }
            }
            if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) {
                return MISSING;
            }
        }
        int offsetSeconds = 0;
        while (p < to && s.charAt(p) == ' ') {
            p++;
        }
        if (p < to) {
            char z = s.charAt(p);
            if ((z == 'Z' || z == 'z') && p + 1 == to) {
                offsetSeconds = 0;
            } else if (z == '+' || z == '-') {
                int oh = digits(s, p + 1, 2);
                int om = 0;
                int q = p + 3;
                if (q < to && s.charAt(q) == ':') {
                    om = digits(s, q + 1, 2);
                    q += 3;
                } else if (q + 2 <= to) {
                    om = digits(s, q, 2);
                    q += 2;
                }
                if (oh < 0 || om < 0 || q != to) {
                    return MISSING;
                }
                offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else if (s.regionMatches(true, p, "UTC", 0, 3) && p + 3 == to || s.regionMatches(true, p, "GMT", 0, 3) && p + 3 == to) {
                offsetSeconds = 0;
            } else {
                return MISSING;
            }
        }
        long days = daysFromCivil(y, mo, d);
        long secs = days * 86_400L + h * 3600L + mi * 60L + sec - offsetSeconds;
        return secs * 1_000_000_000L + nano;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && !(i == from && c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int at, int n) {
        if (at + n > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static long slow(String t) {
        try {
            return toNanos(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return toNanos(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // try the next form
        }
        for (DateTimeFormatter f : FALLBACK) {
            try {
                var parsed = f.parseBest(t, ZonedDateTime::from, LocalDateTime::from);
                Instant i = parsed instanceof ZonedDateTime z ? z.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
                return toNanos(i);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new IllegalArgumentException("'" + t + "' is not a time (expected ISO-8601, e.g. 2024-05-01T06:00:00Z)");
    }

    /**
     * Formats epoch nanoseconds as {@code yyyy-MM-dd HH:mm:ss.ffffff} (microseconds, rounded to 10 µs first as MSTICPy's
     * process keys do). Fast: no formatter objects.
     */
    public static String formatMicros10(long nanos) {
        long micros = Math.floorDiv(nanos + 5_000, 10_000) * 10;
        long secs = Math.floorDiv(micros, 1_000_000L);
        long frac = Math.floorMod(micros, 1_000_000L);
        long days = Math.floorDiv(secs, 86_400L);
        long sod = Math.floorMod(secs, 86_400L);
        long[] ymd = civil(days);
        if (ymd[0] < 0 || ymd[0] > 9999) {
            StringBuilder sb = new StringBuilder(26);
            appendDateTime(sb, secs);
            sb.append('.');
            pad(sb, frac, 6);
            return sb.toString();
        }
        // written digit by digit: this runs for every process key of a large tree
        byte[] b = new byte[26];
        put(b, 0, ymd[0], 4);
        b[4] = '-';
        put(b, 5, ymd[1], 2);
        b[7] = '-';
        put(b, 8, ymd[2], 2);
        b[10] = ' ';
        put(b, 11, sod / 3600, 2);
        b[13] = ':';
        put(b, 14, sod / 60 % 60, 2);
        b[16] = ':';
        put(b, 17, sod % 60, 2);
        b[19] = '.';
        put(b, 20, frac, 6);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] b, int at, long v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** {year, month, day} of days since the epoch (H. Hinnant's civil_from_days). */
    private static long[] civil(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {m <= 2 ? y + 1 : y, m, d};
    }

    /** Formats epoch nanoseconds as pandas prints a UTC time stamp: {@code 2019-05-13 16:00:00+00:00} (fraction only when not zero). */
    public static String formatPandasUtc(long nanos) {
        StringBuilder sb = new StringBuilder(32);
        long secs = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        appendDateTime(sb, secs);
        if (frac != 0) {
            sb.append('.');
            if (frac % 1000 == 0) {
                pad(sb, frac / 1000, 6);
            } else {
                pad(sb, frac, 9);
            }
        }
        return sb.append("+00:00").toString();
    }

    private static void appendDateTime(StringBuilder sb, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        long sod = Math.floorMod(epochSecond, 86_400L);
        // civil from days (H. Hinnant)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, m, 2);
        sb.append('-');
        pad(sb, d, 2);
        sb.append(' ');
        pad(sb, sod / 3600, 2);
        sb.append(':');
        pad(sb, sod / 60 % 60, 2);
        sb.append(':');
        pad(sb, sod % 60, 2);
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
