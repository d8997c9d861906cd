package dev.hunt4j.runtime.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts parameter values to a parameter's type: text from the command line as well as typed Java values.
 * Failures throw {@link IllegalArgumentException} whose message is a short hint (possibly empty); the caller
 * adds the query and parameter names.
 */
final class ValueConverter {
    private ValueConverter() {
    }

    /** MSTICPy's relative time offsets: {@code -7d}, {@code 24h}, {@code -2w}, {@code -1mon}, a bare number of days, optional {@code @unit} rounding. */
    private static final Pattern RELATIVE = Pattern.compile(
            "([+-]?)\\s*(\\d{1,9})\\s*(mon|[ywdhms])?(?:\\s*@\\s*(mon|[ydhms]))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String DATETIME_HINT =
            "use ISO-8601 such as 2024-01-01T00:00:00Z, 2024-01-01 10:00:00 (UTC), 2024-01-01, now, or an offset such as -7d, -24h, -30m, -2w";

    /** The value converted to {@code type} ({@code str, int, float, bool, datetime, list}). */
    static Object convert(Object value, String type, Clock clock) {
        return switch (type) {
            case "str" -> toText(value);
            case "int" -> toLong(value);
            case "float" -> toDouble(value);
            case "bool" -> toBoolean(value);
            case "datetime" -> toInstant(value, clock);
            case "list" -> toList(value, clock);
            default -> throw new IllegalStateException("unknown parameter type " + type);
        };
    }

    private static String toText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof Double || value instanceof Float
                    ? dev.hunt4j.api.query.QueryLanguage.textOf(((Number) value).doubleValue())
                    : value.toString();
        }
        if (value instanceof Instant || value instanceof Temporal) {
            return value.toString();
        }
        throw new IllegalArgumentException("");
    }

    private static Long toLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                return new BigDecimal(value.toString()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("a whole number is needed");
        }
        if (value instanceof String s && INTEGER.matcher(s.trim()).matches()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("out of range");
            }
        }
        throw new IllegalArgumentException("");
    }

    private static Double toDouble(Object value) {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s && DECIMAL.matcher(s.trim()).matches()) {
            d = Double.parseDouble(s.trim());
        } else {
            throw new IllegalArgumentException("");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("the number must be finite");
        }
        return d;
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes" -> {
                    return Boolean.TRUE;
                }
                case "false", "no" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    // falls through to the error below
                }
            }
        }
        throw new IllegalArgumentException("use true, false, yes or no");
    }

    /** A point in time, truncated to microseconds (what MSTICPy writes and what Kusto's datetime() parses). */
    static Instant toInstant(Object value, Clock clock) {
        Instant result;
        if (value instanceof Instant i) {
            result = i;
        } else if (value instanceof OffsetDateTime o) {
            result = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            result = z.toInstant();
        } else if (value instanceof LocalDateTime l) {
            result = l.toInstant(ZoneOffset.UTC);
        } else if (value instanceof LocalDate d) {
            result = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else if (value instanceof Date d) {
            result = d.toInstant();
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            // MSTICPy: a number is an offset in days from now (default: -7 means a week ago)
            result = clock.instant().plusNanos(Math.round(n.doubleValue() * 86_400e9));
        } else if (value instanceof String s) {
            result = parseInstant(s.trim(), clock);
        } else {
            throw new IllegalArgumentException(DATETIME_HINT);
        }
        return result.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant parseInstant(String s, Clock clock) {
        if (s.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        Matcher m = RELATIVE.matcher(s);
        if (m.matches()) {
            return relative(m, clock);
        }
        // "2024-01-01 10:00:00" is the common way to write a time on a command line
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11).trim() : s;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(DATETIME_HINT);
        }
    }

    private static Instant relative(Matcher m, Clock clock) {
        long amount = Long.parseLong(m.group(2)) * ("-".equals(m.group(1)) ? -1 : 1);
        String unit = m.group(3) == null ? "d" : m.group(3).toLowerCase(Locale.ROOT);
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        ZonedDateTime t = switch (unit) {
            case "y" -> now.plusYears(amount);
            case "mon" -> now.plusMonths(amount);
            case "w" -> now.plusWeeks(amount);
            case "d" -> now.plusDays(amount);
            case "h" -> now.plusHours(amount);
            case "m" -> now.plusMinutes(amount);
            default -> now.plusSeconds(amount);
        };
        if (m.group(4) != null) {
            // MSTICPy: "-3d@d" rounds down to the unit, a forward offset rounds up to the next one
            String round = m.group(4).toLowerCase(Locale.ROOT);
            ZonedDateTime down = switch (round) {
                case "y" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
                case "mon" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                case "d" -> t.truncatedTo(ChronoUnit.DAYS);
                case "h" -> t.truncatedTo(ChronoUnit.HOURS);
                case "m" -> t.truncatedTo(ChronoUnit.MINUTES);
                default -> t.truncatedTo(ChronoUnit.SECONDS);
            };
            if (!"-".equals(m.group(1))) {
                down = switch (round) {
                    case "y" -> down.plusYears(1);
                    case "mon" -> down.plusMonths(1);
                    case "d" -> down.plusDays(1);
                    case "h" -> down.plusHours(1);
                    case "m" -> down.plusMinutes(1);
                    default -> down.plusSeconds(1);
                };
            }
            t = down;
        }
        return t.toInstant();
    }

    private static List<Object> toList(Object value, Clock clock) {
        List<Object> out = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.split(",", -1)) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return List.copyOf(out);
        }
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(element(o, clock));
            }
            return List.copyOf(out);
        }
        if (value instanceof Object[] array) {
            return toList(List.of(array), clock);
        }
        return List.of(element(value, clock));
    }

    private static Object element(Object o, Clock clock) {
        if (o instanceof String || o instanceof Long || o instanceof Double || o instanceof Boolean || o instanceof Instant) {
            return o;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof Temporal || o instanceof Date) {
            return toInstant(o, clock);
        }
        throw new IllegalArgumentException("list elements must be text, numbers, booleans or times, got "
                + (o == null ? "null" : o.getClass().getSimpleName()));
    }
}
