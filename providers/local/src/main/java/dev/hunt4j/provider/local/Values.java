package dev.hunt4j.provider.local;

import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.query.QueryLanguages;
import java.time.Instant;
import java.util.Locale;

/**
 * Raw file values and their typed form. Readers hand out raw values: {@link String} (CSV fields and JSON
 * strings), {@link Long}, {@link Double}, {@link Boolean}, {@link RawJson} (nested JSON) or {@code null};
 * {@link #convert} turns them into the Java type of a {@link ColumnType}.
 */
final class Values {
    /** Returned by {@link #convert} when a value does not fit the column type (no exception on the hot path). */
    static final Object MISMATCH = new Object();

    private Values() {
    }

    /** A nested JSON object or array, kept as compact JSON text. */
    record RawJson(String text) {
    }

    /**
     * Collects what one column's sampled values could be; the narrowest type that fits every sample wins.
     * CSV text can be any type; JSON strings only ever become TIMESTAMP or STRING, because the producer
     * chose to write them as strings.
     */
    static final class Guess {
        private boolean canLong = true;
        private boolean canDouble = true;
        private boolean canBool = true;
        private boolean canTime = true;
        private boolean nested;
        private boolean seen;

        void offer(Object raw, boolean textual) {
            if (raw == null) {
                return;
            }
            seen = true;
            if (raw instanceof RawJson) {
                nested = true;
            } else if (raw instanceof Boolean) {
                canLong = canDouble = canTime = false;
            } else if (raw instanceof Long) {
                canBool = canTime = false;
            } else if (raw instanceof Double) {
                canLong = canBool = canTime = false;
            } else {
                String s = (String) raw;
                if (textual) {
                    canLong = canLong && isLongText(s);
                    // a whole number too big for a long stays text: as a double it would lose digits
                    canDouble = canDouble && isDoubleText(s)
                            && (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0 || isLongText(s));
                    canBool = canBool && isBoolText(s);
                } else {
                    canLong = canDouble = canBool = false;
                }
                canTime = canTime && Timestamps.parse(s) != null;
            }
        }

        ColumnType type() {
            if (nested) {
                return ColumnType.JSON;
            }
            if (!seen) {
                return ColumnType.STRING;
            }
            if (canLong) {
                return ColumnType.LONG;
            }
            if (canDouble) {
                return ColumnType.DOUBLE;
            }
            if (canBool) {
                return ColumnType.BOOLEAN;
            }
            return canTime ? ColumnType.TIMESTAMP : ColumnType.STRING;
        }
    }

    /**
     * Whole numbers that fit a long. A leading zero ("007", "0012") keeps the column a string, since such
     * values are identifiers whose text matters.
     */
    static boolean isLongText(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (i == n || n - i > 19 || (s.charAt(i) == '0' && n - i > 1)) {
            return false;
        }
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (n - i == 19) {
            try {
                Long.parseLong(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** Decimal numbers: [-]digits[.digits][e[+-]digits] or [-].digits; no NaN, Infinity, hex or leading zeros. */
    static boolean isDoubleText(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        int intStart = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits > 1 && s.charAt(intStart) == '0') {
            return false;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int f = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            fracDigits = i - f;
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int e = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == e) {
                return false;
            }
        }
        return i == n;
    }

    /** Only digits, signs, points and exponents: keeps Java's NaN, Infinity, hex floats and 1d/1f suffixes out. */
    private static boolean isDecimalChars(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    static boolean isBoolText(String s) {
        return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
    }

    /** {@code raw} as the Java type of {@code type}, {@code null} for null, or {@link #MISMATCH}. */
    static Object convert(Object raw, ColumnType type) {
        if (raw == null) {
            return null;
        }
        switch (type) {
            case STRING:
                if (raw instanceof String) {
                    return raw;
                }
                return raw instanceof RawJson j ? j.text() : raw.toString();
            case LONG:
                if (raw instanceof Long) {
                    return raw;
                }
                if (raw instanceof String s) {
                    try {
                        return Long.parseLong(s);
                    } catch (NumberFormatException e) {
                        return MISMATCH;
                    }
                }
                if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                    return d.longValue();
                }
                return MISMATCH;
            case DOUBLE:
                if (raw instanceof Double) {
                    return raw;
                }
                if (raw instanceof Long l) {
                    return l.doubleValue();
                }
                if (raw instanceof String s && isDecimalChars(s)) {
                    // converting is more lenient than inferring: "+1.5" and "007.5" are numbers here
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        return MISMATCH;
                    }
                }
                return MISMATCH;
            case BOOLEAN:
                if (raw instanceof Boolean) {
                    return raw;
                }
                if (raw instanceof String s && isBoolText(s)) {
                    return s.length() == 4;
                }
                return MISMATCH;
            case TIMESTAMP:
                if (raw instanceof String s) {
                    Instant t = Timestamps.parse(s);
                    return t == null ? MISMATCH : t;
                }
                return MISMATCH;
            case JSON:
                if (raw instanceof RawJson j) {
                    return j.text();
                }
                if (raw instanceof String s) {
                    return QueryLanguages.JSON.bare(s);
                }
                return raw.toString();
            default:
                throw new IllegalStateException("unknown column type " + type);
        }
    }

    /** The text form of a typed value, used by the text operators (contains, has, ...) on any column. */
    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A short, single-line rendering of a raw value for error messages. */
    static String shown(Object raw) {
        String s = raw instanceof RawJson j ? j.text() : String.valueOf(raw);
        s = s.replace("\n", "\\n").replace("\r", "\\r");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
