package dev.hunt4j.toolkit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Fast parsing of the timestamps services put in JSON: ISO-8601 with {@code T} or a space, 0 to 9 fraction
 * digits (Kusto writes 7), {@code Z} or an offset ({@code +01:00}, {@code +0100}, {@code +01}) or none (UTC), a
 * bare date, or epoch seconds ({@code 1704067200.123}, as Splunk may write {@code _time}). It works on the
 * parser's character buffer, so no {@link String} is created per value; that matters at a million rows.
 */
public final class Timestamps {
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private static final java.time.format.DateTimeFormatter SEVEN_DIGITS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private Timestamps() {
    }

    /**
     * {@code t} rounded up to a multiple of {@code unitNanos} (which divides a second). Used for the bounds of a
     * half-open range sent to a service with coarser time: for values on the service's grid, {@code v >= t} holds
     * exactly when {@code v >= ceil(t)}, so neither bound gains or loses a row, and adjacent chunks stay adjacent.
     */
    public static Instant ceil(Instant t, long unitNanos) {
        long rest = t.getNano() % unitNanos;
        return rest == 0 ? t : t.plusNanos(unitNanos - rest);
    }

    /**
     * ISO-8601 in UTC with at most 7 fraction digits, Kusto's (and .NET's) precision: {@code t} is first rounded up to
     * 100 ns (see {@link #ceil}). Whole seconds have no fraction.
     */
    public static String kusto(Instant t) {
        Instant c = ceil(t, 100);
        return c.getNano() == 0 ? c.toString() : SEVEN_DIGITS.format(c);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text, when it is not a timestamp of the forms above
     */
    public static Instant parse(CharSequence text) {
        char[] c = text.toString().toCharArray();
        return parse(c, 0, c.length);
    }

    /** Parses {@code len} characters of {@code c} from {@code off}; see {@link #parse(CharSequence)}. */
    public static Instant parse(char[] c, int off, int len) {
        Instant t = fast(c, off, len);
        if (t != null) {
            return t;
        }
        String s = new String(c, off, len).trim();
        Instant epoch = epoch(s);
        if (epoch != null) {
            return epoch;
        }
        try {
            return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 timestamp or epoch seconds");
        }
    }

    private static Instant epoch(String s) {
        if (s.isEmpty() || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch == '.') || s.indexOf('.') != s.lastIndexOf('.')) {
            return null;
        }
        int dot = s.indexOf('.');
        try {
            long sec = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
            if (sec > MAX_EPOCH_SECONDS) {
                return null;
            }
            long nanos = 0;
            if (dot >= 0) {
                String f = (s.substring(dot + 1) + "000000000").substring(0, 9);
                nanos = Long.parseLong(f);
            }
            return Instant.ofEpochSecond(sec, nanos);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The common shapes, parsed by hand; null means "let the slow path decide". */
    private static Instant fast(char[] c, int off, int len) {
        int end = off + len;
        int i = off;
        if (len < 10) {
            return null;
        }
        int year = digits(c, i, 4);
        if (year < 0 || c[i + 4] != '-') {
            return null;
        }
        int month = digits(c, i + 5, 2);
        if (month < 1 || month > 12 || c[i + 7] != '-') {
            return null;
        }
        int day = digits(c, i + 8, 2);
        if (day < 1 || day > daysIn(year, month)) {
            return null;
        }
        i += 10;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        if (i < end && (c[i] == 'T' || c[i] == ' ')) {
            if (end - i < 6) {
                return null;
            }
            hour = digits(c, i + 1, 2);
            if (hour < 0 || hour > 23 || c[i + 3] != ':') {
                return null;
            }
            minute = digits(c, i + 4, 2);
            if (minute < 0 || minute > 59) {
                return null;
            }
            i += 6;
            if (i < end && c[i] == ':') {
                if (end - i < 3) {
                    return null;
                }
                second = digits(c, i + 1, 2);
                if (second < 0 || second > 59) {
                    return null;
                }
                i += 3;
                if (i < end && (c[i] == '.' || c[i] == ',')) {
                    i++;
                    int n = 0;
                    int scale = 100_000_000;
                    int start = i;
                    while (i < end && c[i] >= '0' && c[i] <= '9') {
                        if (i - start < 9) {
                            n += (c[i] - '0') * scale;
                            scale /= 10;
                        }
                        i++;
                    }
                    if (i == start) {
                        return null;
                    }
                    nanos = n;
                }
            }
        }
        int offsetSeconds = 0;
        if (i < end) {
            char z = c[i];
            if (z == 'Z' || z == 'z') {
                i++;
            } else if (z == '+' || z == '-') {
                int sign = z == '-' ? -1 : 1;
                int oh = end - i >= 3 ? digits(c, i + 1, 2) : -1;
                if (oh < 0 || oh > 18) {
                    return null;
                }
                i += 3;
                int om = 0;
                if (i < end && c[i] == ':') {
                    i++;
                }
                if (i < end) {
                    om = end - i >= 2 ? digits(c, i, 2) : -1;
                    if (om < 0 || om > 59) {
                        return null;
                    }
                    i += 2;
                }
                offsetSeconds = sign * (oh * 3600 + om * 60);
            } else {
                return null;
            }
        }
        if (i != end) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        long secs = epochDay * 86400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(secs, nanos);
    }

    private static int digits(char[] c, int from, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            char ch = c[from + k];
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 (proleptic Gregorian), the civil-from-days inverse. */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
