package dev.hunt4j.provider.local;

import java.time.Instant;

/**
 * Parses the timestamp forms found in log exports without allocating a formatter per value (this runs
 * once per row and column on the hot path):
 * {@code yyyy-MM-dd}, {@code yyyy-MM-dd[T ]HH:mm[:ss[.fraction]]} followed by nothing (UTC), {@code Z},
 * or an offset {@code +HH:MM}, {@code +HHMM}, {@code +HH}.
 */
final class Timestamps {
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Timestamps() {
    }

    /** The instant {@code s} denotes, or {@code null} when it is not one of the accepted forms. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 10 || n > 40) {
            return null;
        }
        int year = digits(s, 0, 4);
        if (year < 0 || s.charAt(4) != '-') {
            return null;
        }
        int month = digits(s, 5, 2);
        if (month < 1 || month > 12 || s.charAt(7) != '-') {
            return null;
        }
        int day = digits(s, 8, 2);
        if (day < 1 || day > daysIn(year, month)) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        if (n == 10) {
            return Instant.ofEpochSecond(epochDay * 86_400L);
        }
        char sep = s.charAt(10);
        if ((sep != 'T' && sep != ' ' && sep != 't') || n < 16) {
            return null;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if (hour < 0 || hour > 23 || s.charAt(13) != ':' || minute < 0 || minute > 59) {
            return null;
        }
        int p = 16;
        int second = 0;
        int nanos = 0;
        if (p < n && s.charAt(p) == ':') {
            second = p + 3 <= n ? digits(s, p + 1, 2) : -1;
            if (second < 0 || second > 59) {
                return null;
            }
            p += 3;
            if (p < n && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
                p++;
                int start = p;
                int scale = 100_000_000;
                while (p < n && isDigit(s.charAt(p))) {
                    // digits beyond nanoseconds are accepted and ignored (some tools write 7+ digits)
                    nanos += (s.charAt(p) - '0') * scale;
                    scale /= 10;
                    p++;
                }
                if (p == start) {
                    return null;
                }
            }
        }
        int offsetSeconds = 0;
        if (p < n) {
            char z = s.charAt(p);
            if ((z == 'Z' || z == 'z') && p + 1 == n) {
                p++;
            } else if (z == '+' || z == '-') {
                int oh = p + 3 <= n ? digits(s, p + 1, 2) : -1;
                int om = 0;
                int q = p + 3;
                if (q < n && s.charAt(q) == ':') {
                    q++;
                }
                if (q < n) {
                    om = q + 2 == n ? digits(s, q, 2) : -1;
                    q += 2;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59 || q != n) {
                    return null;
                }
                offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                p = n;
            } else {
                return null;
            }
        }
        if (p != n) {
            return null;
        }
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number written by {@code len} digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's days_from_civil. */
    private static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
