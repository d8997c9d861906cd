package dev.hunt4j.provider.local;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Compiles a where expression against the columns it runs on: column names become indexes and literals
 * are converted to the column's type once, so evaluating a row does no lookups or parsing.
 *
 * <p>Null handling: in string and JSON columns a null is the empty string (as in KQL, where strings are
 * never null), so {@code !=}, {@code !contains} and {@code !in} match it. In other columns a null value
 * fails every comparison, negated ones included; only {@code == null}, {@code isnull} and {@code isempty}
 * match it.
 */
final class Predicates {
    private Predicates() {
    }

    static Predicate<Object[]> compile(Ast.Expr e, List<Column> columns, String text) {
        if (e instanceof Ast.Or or) {
            return compile(or.left(), columns, text).or(compile(or.right(), columns, text));
        }
        if (e instanceof Ast.And and) {
            return compile(and.left(), columns, text).and(compile(and.right(), columns, text));
        }
        if (e instanceof Ast.Not not) {
            return compile(not.inner(), columns, text).negate();
        }
        if (e instanceof Ast.Const c) {
            boolean v = c.value();
            return r -> v;
        }
        if (e instanceof Ast.Check check) {
            int i = index(check.column(), columns, text);
            return switch (check.kind()) {
                case ISEMPTY -> r -> isEmpty(r[i]);
                case ISNOTEMPTY -> r -> !isEmpty(r[i]);
                case ISNULL -> r -> r[i] == null;
                case ISNOTNULL -> r -> r[i] != null;
            };
        }
        if (e instanceof Ast.In in) {
            return in(in, columns, text);
        }
        return compare((Ast.Compare) e, columns, text);
    }

    /** The index of a column, or a QueryException naming it and listing the available columns. */
    static int index(Ast.ColRef ref, List<Column> columns, String text) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(ref.name())) {
                return i;
            }
        }
        StringJoiner names = new StringJoiner(", ");
        String hint = "";
        for (Column c : columns) {
            names.add(c.name());
            if (c.name().equalsIgnoreCase(ref.name())) {
                hint = " (did you mean '" + c.name() + "'? column names are case-sensitive)";
            }
        }
        throw new QueryException("unknown column '" + ref.name() + "' at " + QueryParser.at(text, ref.pos()) + hint
                + "; available columns: " + (columns.isEmpty() ? "none (the file is empty)" : names.toString())
                + QueryParser.pointer(text, ref.pos()));
    }

    private static boolean isEmpty(Object v) {
        return v == null || (v instanceof String s && s.isEmpty());
    }

    private static boolean isText(ColumnType t) {
        return t == ColumnType.STRING || t == ColumnType.JSON;
    }

    private static Predicate<Object[]> compare(Ast.Compare cmp, List<Column> columns, String text) {
        int i = index(cmp.column(), columns, text);
        Column column = columns.get(i);
        ColumnType type = column.type();
        Ast.Op op = cmp.op();
        Ast.Literal lit = cmp.literal();
        if (lit.kind() == Ast.Kind.NULL) {
            return switch (op) {
                case EQ, EQ_CI -> isText(type) ? r -> isEmpty(r[i]) : r -> r[i] == null;
                case NE, NE_CI -> isText(type) ? r -> !isEmpty(r[i]) : r -> r[i] != null;
                default -> throw mismatch(cmp, column, text, "null can only be compared with == or !=");
            };
        }
        if (op.textual) {
            Predicate<String> test = textTest(op, lit.text(), cmp.regex());
            boolean negated = op.negated;
            if (isText(type)) {
                return r -> {
                    Object v = r[i];
                    return test.test(v == null ? "" : (String) v) != negated;
                };
            }
            return r -> {
                Object v = r[i];
                return v != null && test.test(Values.text(v)) != negated;
            };
        }
        switch (type) {
            case STRING:
            case JSON: {
                String t = lit.text();
                return switch (op) {
                    case EQ -> r -> t.equals(str(r[i]));
                    case NE -> r -> !t.equals(str(r[i]));
                    case EQ_CI -> r -> t.equalsIgnoreCase(str(r[i]));
                    case NE_CI -> r -> !t.equalsIgnoreCase(str(r[i]));
                    case LT -> r -> str(r[i]).compareTo(t) < 0;
                    case LE -> r -> str(r[i]).compareTo(t) <= 0;
                    case GT -> r -> str(r[i]).compareTo(t) > 0;
                    default -> r -> str(r[i]).compareTo(t) >= 0;
                };
            }
            case LONG:
            case DOUBLE: {
                Number num = numberOf(lit);
                if (num == null) {
                    throw mismatch(cmp, column, text, "expected a number");
                }
                return ordered(op, i, v -> compareNumbers((Number) v, num));
            }
            case TIMESTAMP: {
                Instant t = timeOf(lit);
                if (t == null) {
                    throw mismatch(cmp, column, text, "expected datetime(...) or an ISO-8601 date and time");
                }
                return ordered(op, i, v -> ((Instant) v).compareTo(t));
            }
            case BOOLEAN: {
                Boolean b = boolOf(lit);
                if (b == null) {
                    throw mismatch(cmp, column, text, "expected true or false");
                }
                return switch (op) {
                    case EQ, EQ_CI -> r -> b.equals(r[i]);
                    case NE, NE_CI -> r -> r[i] != null && !b.equals(r[i]);
                    default -> throw mismatch(cmp, column, text, op.symbol + " does not apply to true/false values");
                };
            }
            default:
                throw new IllegalStateException("unknown column type " + type);
        }
    }

    private interface Comparison {
        int compare(Object value);
    }

    private static Predicate<Object[]> ordered(Ast.Op op, int i, Comparison c) {
        return switch (op) {
            case EQ, EQ_CI -> r -> r[i] != null && c.compare(r[i]) == 0;
            case NE, NE_CI -> r -> r[i] != null && c.compare(r[i]) != 0;
            case LT -> r -> r[i] != null && c.compare(r[i]) < 0;
            case LE -> r -> r[i] != null && c.compare(r[i]) <= 0;
            case GT -> r -> r[i] != null && c.compare(r[i]) > 0;
            case GE -> r -> r[i] != null && c.compare(r[i]) >= 0;
            default -> throw new IllegalStateException(op.toString());
        };
    }

    private static String str(Object v) {
        return v == null ? "" : (String) v;
    }

    private static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    private static Number numberOf(Ast.Literal lit) {
        return switch (lit.kind()) {
            case LONG, DOUBLE -> (Number) lit.value();
            case STRING -> {
                String t = lit.text().trim();
                if (t.matches("[+-]?\\d{1,18}")) {
                    yield Long.parseLong(t);
                }
                yield Values.isDoubleText(t.startsWith("+") ? t.substring(1) : t) ? Double.parseDouble(t) : null;
            }
            default -> null;
        };
    }

    private static Instant timeOf(Ast.Literal lit) {
        return switch (lit.kind()) {
            case TIMESTAMP -> (Instant) lit.value();
            case STRING -> Timestamps.parse(lit.text().trim());
            default -> null;
        };
    }

    private static Boolean boolOf(Ast.Literal lit) {
        if (lit.kind() == Ast.Kind.BOOLEAN) {
            return (Boolean) lit.value();
        }
        if (lit.kind() == Ast.Kind.STRING && Values.isBoolText(lit.text())) {
            return lit.text().equalsIgnoreCase("true");
        }
        return null;
    }

    private static QueryException mismatch(Ast.Compare cmp, Column column, String text, String why) {
        int pos = cmp.literal().pos();
        return new QueryException("cannot compare column '" + column.name() + "' (" + column.type() + ") using "
                + cmp.op().symbol + " with " + shown(cmp.literal()) + " at " + QueryParser.at(text, pos) + ": " + why
                + QueryParser.pointer(text, pos));
    }

    private static String shown(Ast.Literal lit) {
        return lit.kind() == Ast.Kind.STRING ? "\"" + lit.text() + "\"" : lit.kind() == Ast.Kind.NULL ? "null" : lit.text();
    }

    private static Predicate<Object[]> in(Ast.In in, List<Column> columns, String text) {
        int i = index(in.column(), columns, text);
        Column column = columns.get(i);
        boolean negated = in.negated();
        switch (column.type()) {
            case STRING:
            case JSON: {
                Set<String> set = new HashSet<>();
                for (Ast.Literal l : in.values()) {
                    set.add(in.ignoreCase() ? Values.lower(l.text()) : l.text());
                }
                if (in.ignoreCase()) {
                    return r -> set.contains(Values.lower(str(r[i]))) != negated;
                }
                return r -> set.contains(str(r[i])) != negated;
            }
            case LONG:
            case DOUBLE: {
                Number[] nums = new Number[in.values().size()];
                for (int k = 0; k < nums.length; k++) {
                    nums[k] = numberOf(in.values().get(k));
                    if (nums[k] == null) {
                        throw inMismatch(in, column, in.values().get(k), text, "expected a number");
                    }
                }
                return r -> {
                    Object v = r[i];
                    if (v == null) {
                        return false;
                    }
                    for (Number num : nums) {
                        if (compareNumbers((Number) v, num) == 0) {
                            return !negated;
                        }
                    }
                    return negated;
                };
            }
            case TIMESTAMP:
            case BOOLEAN: {
                Set<Object> set = new HashSet<>();
                for (Ast.Literal l : in.values()) {
                    Object v = column.type() == ColumnType.TIMESTAMP ? timeOf(l) : boolOf(l);
                    if (v == null) {
                        throw inMismatch(in, column, l, text, column.type() == ColumnType.TIMESTAMP
                                ? "expected datetime(...) or an ISO-8601 date and time" : "expected true or false");
                    }
                    set.add(v);
                }
                return r -> r[i] != null && set.contains(r[i]) != negated;
            }
            default:
                throw new IllegalStateException("unknown column type " + column.type());
        }
    }

    private static QueryException inMismatch(Ast.In in, Column column, Ast.Literal lit, String text, String why) {
        return new QueryException("cannot look for " + shown(lit) + " in column '" + column.name() + "' ("
                + column.type() + ") at " + QueryParser.at(text, lit.pos()) + ": " + why
                + QueryParser.pointer(text, lit.pos()));
    }

    /** The string test of a text operator, with the needle prepared once. */
    private static Predicate<String> textTest(Ast.Op op, String needle, Pattern regex) {
        return switch (op) {
            case CONTAINS, NOT_CONTAINS -> v -> indexOfIgnoreCase(v, needle, 0) >= 0;
            case CONTAINS_CS, NOT_CONTAINS_CS -> v -> v.contains(needle);
            case STARTSWITH, NOT_STARTSWITH -> v -> v.regionMatches(true, 0, needle, 0, needle.length());
            case STARTSWITH_CS, NOT_STARTSWITH_CS -> v -> v.startsWith(needle);
            case ENDSWITH, NOT_ENDSWITH -> v -> v.length() >= needle.length()
                    && v.regionMatches(true, v.length() - needle.length(), needle, 0, needle.length());
            case ENDSWITH_CS, NOT_ENDSWITH_CS -> v -> v.endsWith(needle);
            case HAS, NOT_HAS -> v -> hasTerm(v, needle, false);
            case HAS_CS, NOT_HAS_CS -> v -> hasTerm(v, needle, true);
            case MATCHES_REGEX -> v -> regex.matcher(v).find();
            default -> throw new IllegalStateException(op.toString());
        };
    }

    /** Case-insensitive {@link String#indexOf(String, int)} without allocating lower-case copies. */
    static int indexOfIgnoreCase(String haystack, String needle, int from) {
        int len = needle.length();
        if (len == 0) {
            return from <= haystack.length() ? from : -1;
        }
        char lo = Character.toLowerCase(needle.charAt(0));
        char up = Character.toUpperCase(needle.charAt(0));
        for (int i = from, max = haystack.length() - len; i <= max; i++) {
            char c = haystack.charAt(i);
            if ((c == lo || c == up || Character.toLowerCase(c) == lo) && haystack.regionMatches(true, i, needle, 0, len)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * KQL's {@code has}: {@code term} occurs bounded by non-alphanumeric characters (or the ends of the text),
     * so "cmd.exe /c whoami" has "whoami" and "cmd.exe" but not "who".
     */
    static boolean hasTerm(String haystack, String term, boolean caseSensitive) {
        int len = term.length();
        if (len == 0) {
            return true;
        }
        boolean alnumStart = Character.isLetterOrDigit(term.charAt(0));
        boolean alnumEnd = Character.isLetterOrDigit(term.charAt(len - 1));
        int from = 0;
        while (true) {
            int i = caseSensitive ? haystack.indexOf(term, from) : indexOfIgnoreCase(haystack, term, from);
            if (i < 0) {
                return false;
            }
            int end = i + len;
            boolean startOk = i == 0 || !alnumStart || !Character.isLetterOrDigit(haystack.charAt(i - 1));
            boolean endOk = end == haystack.length() || !alnumEnd || !Character.isLetterOrDigit(haystack.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }
}
