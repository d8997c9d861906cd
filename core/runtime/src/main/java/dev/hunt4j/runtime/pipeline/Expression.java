package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The small condition language of {@code when:} and of the {@code filter} step's {@code where:}.
 * <pre>
 *   CommandLine contains "-enc" and not (Computer in ("WIN-DC01", "SRV-FILE01"))
 *   EventID == 4625 or LogonType >= 10
 *   NewProcessName matches "(?i)\\(powershell|cmd)\.exe$"
 *   rows(iocs) > 0 and ${lookup_ti}
 *   TimeGenerated > ago(1d)
 * </pre>
 * Operands: column names (in {@code where}) or parameter names (in {@code when}), {@code ${param}} (a parameter's
 * value, always data, never parsed as syntax), strings in single or double quotes ({@code \} escapes), numbers,
 * {@code true}, {@code false}, {@code null}, and the functions {@code rows(table)}, {@code empty(x)},
 * {@code notempty(x)}, {@code lower(x)}, {@code upper(x)}, {@code len(x)}, {@code now()} and {@code ago(7d)}.
 * Operators: {@code == != =~ !~ < <= > >=}, {@code contains startswith endswith has matches} (text, ignoring case
 * except {@code matches}; {@code !contains} etc. negate), {@code in (a, b)} / {@code !in} / {@code in~} (a list or a
 * list parameter), {@code and or not} (also {@code && || !}) and parentheses. An operand alone is a test of its
 * truth (non-empty text, non-zero number, true). Numbers compare numerically (text holding a number too), times by
 * time (text is read as a time when the other side is one), null equals only null and the empty text.
 */
public final class Expression {
    /** Where an expression gets its names from. */
    public interface Scope {
        /** A bare name: a column (filter) or a parameter (when). */
        Object name(String name);

        /** {@code ${name}}: a parameter. */
        Object param(String name);

        /** {@code rows(table)}: the row count of a table, 0 when it was not produced. */
        long rows(String table);
    }

    private final String text;
    private final Node root;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException saying what was expected at which column
     */
    public static Expression parse(String text) {
        Parser p = new Parser(text);
        Node n = p.expr();
        p.expectEnd();
        return new Expression(text, n);
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    /** Bare names used (columns or parameters). */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        root.collect(out, Kind.NAME);
        return out;
    }

    /** {@code ${...}} names used. */
    public Set<String> params() {
        Set<String> out = new LinkedHashSet<>();
        root.collect(out, Kind.PARAM);
        return out;
    }

    /** Tables named in {@code rows(...)}. */
    public Set<String> tables() {
        Set<String> out = new LinkedHashSet<>();
        root.collect(out, Kind.TABLE);
        return out;
    }

    /** Evaluates to a truth value. */
    public boolean test(Scope scope, Clock clock) {
        return truth(root.eval(scope, clock));
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- evaluation helpers

    static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        String s = v.toString();
        return !s.isEmpty() && !s.equalsIgnoreCase("false");
    }

    private static String str(Object v) {
        if (v instanceof TimeRange r) {
            return TimeRanges.format(r);
        }
        if (v instanceof Collection<?> c) {
            return String.join(",", c.stream().map(Expression::str).toList());
        }
        return DataTable.text(v);
    }

    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (!t.isEmpty() && (Character.isDigit(t.charAt(t.length() - 1)) || t.endsWith("."))) {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Instant time(Object v, Clock clock) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return TimeRanges.point(s, clock);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Compares two values; null when they cannot be ordered. */
    static Integer compare(Object a, Object b, Clock clock) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Instant || b instanceof Instant) {
            Instant x = time(a, clock);
            Instant y = time(b, clock);
            return x == null || y == null ? null : x.compareTo(y);
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return a.equals(b) ? 0 : null;
        }
        if (a instanceof Number || b instanceof Number) {
            Double x = number(a);
            Double y = number(b);
            if (x != null && y != null) {
                return Double.compare(x, y);
            }
        }
        return str(a).compareTo(str(b));
    }

    static boolean equal(Object a, Object b, boolean ignoreCase, Clock clock) {
        if (a == null || b == null) {
            Object other = a == null ? b : a;
            return other == null || (other instanceof String s && s.isEmpty());
        }
        if (ignoreCase) {
            return str(a).equalsIgnoreCase(str(b));
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return str(a).equalsIgnoreCase(str(b));
        }
        Integer c = compare(a, b, clock);
        return c != null && c == 0;
    }

    static boolean has(String haystack, String term) {
        if (term.isEmpty()) {
            return true;
        }
        String h = haystack.toLowerCase(Locale.ROOT);
        String t = term.toLowerCase(Locale.ROOT);
        for (int i = h.indexOf(t); i >= 0; i = h.indexOf(t, i + 1)) {
            boolean before = i == 0 || !Character.isLetterOrDigit(h.charAt(i - 1));
            int end = i + t.length();
            boolean after = end == h.length() || !Character.isLetterOrDigit(h.charAt(end));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    // ---- the tree

    private enum Kind { NAME, PARAM, TABLE }

    private interface Node {
        Object eval(Scope s, Clock clock);

        default void collect(Set<String> out, Kind kind) {
        }
    }

    private record Literal(Object value) implements Node {
        @Override
        public Object eval(Scope s, Clock clock) {
            return value;
        }
    }

    private record Name(String name) implements Node {
        @Override
        public Object eval(Scope s, Clock clock) {
            return s.name(name);
        }

        @Override
        public void collect(Set<String> out, Kind kind) {
            if (kind == Kind.NAME) {
                out.add(name);
            }
        }
    }

    private record Param(String name) implements Node {
        @Override
        public Object eval(Scope s, Clock clock) {
            return s.param(name);
        }

        @Override
        public void collect(Set<String> out, Kind kind) {
            if (kind == Kind.PARAM) {
                out.add(name);
            }
        }
    }

    private record ListNode(List<Node> items) implements Node {
        @Override
        public Object eval(Scope s, Clock clock) {
            List<Object> out = new ArrayList<>();
            for (Node n : items) {
                Object v = n.eval(s, clock);
                if (v instanceof Collection<?> c) {
                    out.addAll(c);
                } else {
                    out.add(v);
                }
            }
            return out;
        }

        @Override
        public void collect(Set<String> out, Kind kind) {
            items.forEach(i -> i.collect(out, kind));
        }
    }

    private record Call(String function, List<Node> args, int pos) implements Node {
        @Override
        public Object eval(Scope s, Clock clock) {
            return switch (function) {
                case "rows" -> s.rows(((Name) args.get(0)).name());
                case "empty" -> !truthOfText(args.get(0).eval(s, clock));
                case "notempty" -> truthOfText(args.get(0).eval(s, clock));
                case "lower" -> str(args.get(0).eval(s, clock)).toLowerCase(Locale.ROOT);
                case "upper" -> str(args.get(0).eval(s, clock)).toUpperCase(Locale.ROOT);
                case "len" -> {
                    Object v = args.get(0).eval(s, clock);
                    yield (long) (v instanceof Collection<?> c ? c.size() : str(v).length());
                }
                case "now" -> clock.instant();
                case "ago" -> TimeRanges.point("-" + str(args.get(0).eval(s, clock)).trim(), clock);
                default -> throw new IllegalStateException(function);
            };
        }

        private static boolean truthOfText(Object v) {
            return v != null && (v instanceof Collection<?> c ? !c.isEmpty() : !str(v).isEmpty());
        }

        @Override
        public void collect(Set<String> out, Kind kind) {
            if (function.equals("rows")) {
                if (kind == Kind.TABLE) {
                    out.add(((Name) args.get(0)).name());
                }
                return;
            }
            args.forEach(a -> a.collect(out, kind));
        }
    }

    private record Not(Node inner) implements Node {
        @Override
        public Object eval(Scope s, Clock clock) {
            return !truth(inner.eval(s, clock));
        }

        @Override
        public void collect(Set<String> out, Kind kind) {
            inner.collect(out, kind);
        }
    }

    private record Logic(boolean and, Node left, Node right) implements Node {
        @Override
        public Object eval(Scope s, Clock clock) {
            boolean l = truth(left.eval(s, clock));
            if (and ? !l : l) {
                return l;
            }
            return truth(right.eval(s, clock));
        }

        @Override
        public void collect(Set<String> out, Kind kind) {
            left.collect(out, kind);
            right.collect(out, kind);
        }
    }

    private static final class Compare implements Node {
        private final String op;
        private final boolean negate;
        private final Node left;
        private final Node right;
        private final Pattern pattern;
        /** The last pattern compiled from a non-literal (a parameter): the same text on every row. */
        private Pattern lastPattern;

        Compare(String op, boolean negate, Node left, Node right, Pattern pattern) {
            this.op = op;
            this.negate = negate;
            this.left = left;
            this.right = right;
            this.pattern = pattern;
        }

        @Override
        public Object eval(Scope s, Clock clock) {
            Object a = left.eval(s, clock);
            Object b = right.eval(s, clock);
            boolean r = switch (op) {
                case "==" -> equal(a, b, false, clock);
                case "=~" -> equal(a, b, true, clock);
                case "<", "<=", ">", ">=" -> {
                    Integer c = compare(a, b, clock);
                    yield c != null && switch (op) {
                        case "<" -> c < 0;
                        case "<=" -> c <= 0;
                        case ">" -> c > 0;
                        default -> c >= 0;
                    };
                }
                case "contains" -> str(a).toLowerCase(Locale.ROOT).contains(str(b).toLowerCase(Locale.ROOT));
                case "startswith" -> str(a).toLowerCase(Locale.ROOT).startsWith(str(b).toLowerCase(Locale.ROOT));
                case "endswith" -> str(a).toLowerCase(Locale.ROOT).endsWith(str(b).toLowerCase(Locale.ROOT));
                case "has" -> has(str(a), str(b));
                case "matches" -> {
                    Pattern p = pattern;
                    if (p == null) {
                        String regex = str(b);
                        Pattern last = lastPattern;
                        p = last != null && last.pattern().equals(regex) ? last : compile(regex);
                        lastPattern = p;
                    }
                    yield p.matcher(str(a)).find();
                }
                case "in", "in~" -> {
                    boolean found = false;
                    Collection<?> items = b instanceof Collection<?> c ? c : b == null ? List.of() : List.of(b);
                    for (Object o : items) {
                        if (equal(a, o, op.equals("in~"), clock)) {
                            found = true;
                            break;
                        }
                    }
                    yield found;
                }
                default -> throw new IllegalStateException(op);
            };
            return negate != r;
        }

        private static Pattern compile(String regex) {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a regular expression: " + e.getDescription());
            }
        }

        @Override
        public void collect(Set<String> out, Kind kind) {
            left.collect(out, kind);
            right.collect(out, kind);
        }
    }

    // ---- the parser

    private static final Set<String> FUNCTIONS = Set.of("rows", "empty", "notempty", "lower", "upper", "len", "now", "ago");
    private static final Set<String> WORD_OPS = Set.of("contains", "startswith", "endswith", "has", "matches", "in", "in~");

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = Objects.requireNonNull(s);
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("column " + (pos + 1) + ": " + what
                    + (pos < s.length() ? ", found '" + s.substring(pos, Math.min(s.length(), pos + 12)) + "'" : ", found the end"));
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(String sym) {
            skip();
            if (s.startsWith(sym, pos)) {
                pos += sym.length();
                return true;
            }
            return false;
        }

        /** A keyword (case-insensitive) followed by a non-word character. */
        boolean eatWord(String word) {
            skip();
            int end = pos + word.length();
            if (end <= s.length() && s.regionMatches(true, pos, word, 0, word.length())
                    && (end == s.length() || !isWordChar(s.charAt(end)))) {
                pos = end;
                return true;
            }
            return false;
        }

        static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_' || c == '@';
        }

        static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '.';
        }

        void expectEnd() {
            skip();
            if (pos < s.length()) {
                throw error("expected and, or, or the end");
            }
        }

        Node expr() {
            Node left = and();
            while (eatWord("or") || eat("||")) {
                left = new Logic(false, left, and());
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (eatWord("and") || eat("&&")) {
                left = new Logic(true, left, unary());
            }
            return left;
        }

        Node unary() {
            skip();
            if (eatWord("not")) {
                return new Not(unary());
            }
            if (pos < s.length() && s.charAt(pos) == '!' && (pos + 1 >= s.length() || s.charAt(pos + 1) != '=')
                    && !s.startsWith("!~", pos)) {
                pos++;
                return new Not(unary());
            }
            if (eat("(")) {
                Node inner = expr();
                if (!eat(")")) {
                    throw error("expected )");
                }
                return inner;
            }
            return comparison();
        }

        Node comparison() {
            Node left = value();
            skip();
            for (String op : List.of("==", "!=", "=~", "!~", "<=", ">=", "<", ">")) {
                if (eat(op)) {
                    Node right = value();
                    return switch (op) {
                        case "!=" -> new Compare("==", true, left, right, null);
                        case "!~" -> new Compare("=~", true, left, right, null);
                        default -> new Compare(op, false, left, right, null);
                    };
                }
            }
            int start = pos;
            boolean negate = false;
            if (pos < s.length() && s.charAt(pos) == '!') {
                negate = true;
                pos++;
            } else if (eatWord("not")) {
                negate = true;
            }
            for (String op : List.of("contains", "startswith", "endswith", "has", "matches", "in")) {
                if (eatWord(op)) {
                    String real = op;
                    if (op.equals("in") && pos < s.length() && s.charAt(pos) == '~') {
                        pos++;
                        real = "in~";
                    }
                    if (op.equals("matches")) {
                        eatWord("regex");
                    }
                    Node right = real.startsWith("in") ? listValue() : value();
                    Pattern p = null;
                    if (op.equals("matches") && right instanceof Literal l && l.value() != null) {
                        try {
                            p = Pattern.compile(l.value().toString());
                        } catch (PatternSyntaxException e) {
                            throw new IllegalArgumentException("'" + l.value() + "' is not a regular expression: " + e.getDescription());
                        }
                    }
                    return new Compare(real, negate, left, right, p);
                }
            }
            if (negate) {
                pos = start;
                throw error("expected contains, startswith, endswith, has, matches or in after !");
            }
            return left;
        }

        Node listValue() {
            skip();
            if (eat("(")) {
                List<Node> items = new ArrayList<>();
                if (!eat(")")) {
                    do {
                        items.add(value());
                    } while (eat(","));
                    if (!eat(")")) {
                        throw error("expected , or )");
                    }
                }
                return new ListNode(items);
            }
            Node v = value();
            return new ListNode(List.of(v));
        }

        Node value() {
            skip();
            if (pos >= s.length()) {
                throw error("expected a value");
            }
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                return new Literal(string(c));
            }
            if (c == '$' && s.startsWith("${", pos)) {
                int end = s.indexOf('}', pos);
                if (end < 0) {
                    throw error("expected } to close ${");
                }
                String name = s.substring(pos + 2, end).trim();
                if (name.isEmpty()) {
                    throw error("expected a parameter name in ${}");
                }
                pos = end + 1;
                return new Param(name);
            }
            if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
                int start = pos++;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == '_')) {
                    pos++;
                }
                String num = s.substring(start, pos).replace("_", "");
                // a duration literal such as 7d, for ago(7d)
                if (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                    int unitStart = pos;
                    while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                        pos++;
                    }
                    return new Literal(num + s.substring(unitStart, pos));
                }
                try {
                    return new Literal(num.contains(".") ? (Object) Double.parseDouble(num) : (Object) Long.parseLong(num));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("expected a number");
                }
            }
            if (c == '[') {
                // ['Column Name'] for names with spaces
                pos++;
                skip();
                if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
                    throw error("expected a quoted column name after [");
                }
                String name = string(s.charAt(pos));
                if (!eat("]")) {
                    throw error("expected ]");
                }
                return new Name(name);
            }
            if (isWordStart(c)) {
                int start = pos;
                while (pos < s.length() && isWordChar(s.charAt(pos))) {
                    pos++;
                }
                String word = s.substring(start, pos);
                String lower = word.toLowerCase(Locale.ROOT);
                switch (lower) {
                    case "true" -> {
                        return new Literal(Boolean.TRUE);
                    }
                    case "false" -> {
                        return new Literal(Boolean.FALSE);
                    }
                    case "null" -> {
                        return new Literal(null);
                    }
                    default -> {
                        // a keyword cannot be a bare operand
                        if (lower.equals("and") || lower.equals("or") || lower.equals("not") || WORD_OPS.contains(lower)) {
                            pos = start;
                            throw error("expected a value");
                        }
                    }
                }
                skip();
                if (pos < s.length() && s.charAt(pos) == '(') {
                    if (!FUNCTIONS.contains(lower)) {
                        pos = start;
                        throw error("unknown function '" + word + "' (functions: rows, empty, notempty, lower, upper, len, now, ago)");
                    }
                    pos++;
                    List<Node> args = new ArrayList<>();
                    if (!eat(")")) {
                        do {
                            args.add(value());
                        } while (eat(","));
                        if (!eat(")")) {
                            throw error("expected , or ) after the arguments of " + lower);
                        }
                    }
                    int want = lower.equals("now") ? 0 : 1;
                    if (args.size() != want) {
                        pos = start;
                        throw error(lower + "() takes " + (want == 0 ? "no arguments" : "one argument"));
                    }
                    if (lower.equals("rows") && !(args.get(0) instanceof Name)) {
                        pos = start;
                        throw error("rows() takes a table name");
                    }
                    return new Call(lower, args, start);
                }
                return new Name(word);
            }
            throw error("expected a value");
        }

        String string(char quote) {
            int start = pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case '\\', '"', '\'' -> sb.append(e);
                        default -> sb.append('\\').append(e); // keep regex escapes such as \. and \d as written
                    }
                } else {
                    sb.append(c);
                }
            }
            pos = start;
            throw error("a string is never closed");
        }
    }
}
