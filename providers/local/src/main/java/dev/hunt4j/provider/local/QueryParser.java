package dev.hunt4j.provider.local;

import dev.hunt4j.api.QueryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A hand-written recursive-descent parser for the files language (lexically KQL, so parameter values
 * escaped by {@code QueryLanguages.FILES} read back unchanged). Scannerless, because what a character
 * means depends on where it is: {@code -} is part of a file name, a column name or a number.
 * Keywords and operators are case-insensitive; column names are not.
 */
final class QueryParser {
    private static final String OPERATORS = "where, project, project-away, take, limit or count";
    private static final String COMPARISONS = "==, !=, =~, !~, <, <=, >, >=, contains, !contains, contains_cs, "
            + "startswith, endswith, has, !has, has_cs, in, !in, in~, !in~ or matches regex";
    private static final Pattern LONG = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");

    private final String s;
    private final int n;
    private int p;

    private QueryParser(String text) {
        this.s = text;
        this.n = text.length();
    }

    /**
     * Parses a query.
     *
     * @throws QueryException naming the position and what was expected
     */
    static Ast.Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QueryException("the query is empty: expected a file name such as events.csv, optionally "
                    + "followed by | where ..., | project ..., | take N");
        }
        return new QueryParser(text).query();
    }

    /** "column C" for one-line text, else "line L, column C" (1-based). */
    static String at(String text, int pos) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int col = pos - lineStart + 1;
        return text.indexOf('\n') < 0 ? "column " + col : "line " + line + ", column " + col;
    }

    /** The line holding {@code pos} with a caret under it, for the end of error messages. */
    static String pointer(String text, int pos) {
        int start = text.lastIndexOf('\n', Math.max(0, Math.min(pos, text.length()) - 1)) + 1;
        if (pos == 0) {
            start = 0;
        }
        int end = text.indexOf('\n', start);
        String line = text.substring(start, end < 0 ? text.length() : end).replace('\r', ' ').replace('\t', ' ');
        int caret = Math.max(0, pos - start);
        // keep very long lines readable: show a window around the caret
        if (line.length() > 120) {
            int from = Math.max(0, Math.min(caret - 60, line.length() - 120));
            line = line.substring(from, Math.min(line.length(), from + 120));
            caret -= from;
        }
        return "\n  " + line + "\n  " + " ".repeat(caret) + "^";
    }

    private Ast.Query query() {
        ws();
        int srcPos = p;
        String source;
        if (p < n && (peek() == '"' || peek() == '\'')) {
            source = quoted();
        } else if (verbatimAhead()) {
            source = verbatim();
        } else {
            while (p < n && !Character.isWhitespace(peek()) && peek() != '|') {
                p++;
            }
            if (p == srcPos) {
                throw error(p, "a file name such as events.csv or logs/*.jsonl.gz");
            }
            source = s.substring(srcPos, p);
        }
        if (source.isBlank()) {
            throw error(srcPos, "a file name, not an empty string");
        }
        List<Ast.Stage> stages = new ArrayList<>();
        String expected = "'|' or the end of the query";
        ws();
        while (p < n) {
            if (peek() != '|') {
                throw error(p, expected);
            }
            p++;
            ws();
            Ast.Stage stage = stage();
            stages.add(stage);
            expected = stage instanceof Ast.Where ? "'and', 'or', '|' or the end of the query"
                    : stage instanceof Ast.Project || stage instanceof Ast.ProjectAway
                    ? "',', '|' or the end of the query" : "'|' or the end of the query";
            ws();
        }
        return new Ast.Query(s, source, srcPos, List.copyOf(stages));
    }

    private Ast.Stage stage() {
        int st = p;
        String w = word();
        if (w.isEmpty()) {
            throw error(p, "an operator (" + OPERATORS + ")");
        }
        switch (w.toLowerCase(Locale.ROOT)) {
            case "where", "filter":
                ws();
                if (p >= n || peek() == '|') {
                    throw error(p, "a condition after '" + w + "'");
                }
                return new Ast.Where(or(), st);
            case "project":
                return new Ast.Project(columnList(), st);
            case "project-away":
                return new Ast.ProjectAway(columnList(), st);
            case "take", "limit":
                ws();
                int numPos = p;
                while (p < n && Character.isDigit(peek())) {
                    p++;
                }
                if (p == numPos || (p < n && isIdentPart(peek()))) {
                    throw error(numPos, "a whole number of rows after '" + w + "'");
                }
                try {
                    return new Ast.Take(Long.parseLong(s.substring(numPos, p)), st);
                } catch (NumberFormatException e) {
                    throw error(numPos, "a row count that fits a 64-bit number");
                }
            case "count":
                return new Ast.Count(st);
            default:
                throw new QueryException("syntax error at " + at(s, st) + ": unknown operator '" + w + "', expected "
                        + OPERATORS + pointer(s, st));
        }
    }

    private List<Ast.ColRef> columnList() {
        List<Ast.ColRef> cols = new ArrayList<>();
        do {
            ws();
            cols.add(columnRef());
            ws();
        } while (consume(','));
        return List.copyOf(cols);
    }

    private Ast.Expr or() {
        Ast.Expr e = and();
        while (keyword("or")) {
            e = new Ast.Or(e, and());
        }
        return e;
    }

    private Ast.Expr and() {
        Ast.Expr e = unary();
        while (keyword("and")) {
            e = new Ast.And(e, unary());
        }
        return e;
    }

    private Ast.Expr unary() {
        ws();
        if (p < n && peek() == '(') {
            p++;
            Ast.Expr e = or();
            ws();
            expect(')', "')' to close the parenthesis");
            return e;
        }
        int st = p;
        Ast.ColRef column;
        if (p < n && isIdentStart(peek())) {
            String w = word();
            int after = p;
            ws();
            String lw = w.toLowerCase(Locale.ROOT);
            if (p < n && peek() == '(') {
                p++;
                switch (lw) {
                    case "not": {
                        Ast.Expr e = or();
                        ws();
                        expect(')', "')' to close not(");
                        return new Ast.Not(e);
                    }
                    case "isempty", "isnotempty", "isnull", "isnotnull": {
                        ws();
                        Ast.ColRef c = columnRef();
                        ws();
                        expect(')', "')' to close " + lw + "(");
                        return new Ast.Check(c, Ast.CheckKind.valueOf(lw.toUpperCase(Locale.ROOT)));
                    }
                    default:
                        throw new QueryException("syntax error at " + at(s, st) + ": unknown function '" + w
                                + "(', expected not(...), isempty(...), isnotempty(...), isnull(...) or isnotnull(...)"
                                + pointer(s, st));
                }
            }
            if ((lw.equals("true") || lw.equals("false")) && endsCondition()) {
                return new Ast.Const(lw.equals("true"));
            }
            p = after;
            column = new Ast.ColRef(w, st);
        } else if (p < n && peek() == '[') {
            column = columnRef();
        } else {
            throw error(p, "a condition: a column name, '(', not(...), isempty(...) or isnotempty(...)");
        }
        return condition(column);
    }

    /** Whether what follows ends a condition, so a lone {@code true}/{@code false} is a constant. */
    private boolean endsCondition() {
        if (p >= n || peek() == '|' || peek() == ')') {
            return true;
        }
        int save = p;
        String w = word().toLowerCase(Locale.ROOT);
        p = save;
        return w.equals("and") || w.equals("or");
    }

    private Ast.Expr condition(Ast.ColRef column) {
        ws();
        int opPos = p;
        if (p >= n) {
            throw error(p, "a comparison operator (" + COMPARISONS + ") after column '" + column.name() + "'");
        }
        char c = peek();
        char d = p + 1 < n ? s.charAt(p + 1) : '\0';
        Ast.Op op = null;
        if (c == '=' && d == '=') {
            op = Ast.Op.EQ;
            p += 2;
        } else if (c == '=' && d == '~') {
            op = Ast.Op.EQ_CI;
            p += 2;
        } else if (c == '=') {
            throw new QueryException("syntax error at " + at(s, p) + ": '=' is not a comparison, use == (or =~ to ignore case)"
                    + pointer(s, p));
        } else if (c == '!' && d == '=') {
            op = Ast.Op.NE;
            p += 2;
        } else if (c == '!' && d == '~') {
            op = Ast.Op.NE_CI;
            p += 2;
        } else if (c == '<') {
            op = d == '=' ? Ast.Op.LE : Ast.Op.LT;
            p += d == '=' ? 2 : 1;
        } else if (c == '>') {
            op = d == '=' ? Ast.Op.GE : Ast.Op.GT;
            p += d == '=' ? 2 : 1;
        } else if (c == '!' && isIdentStart(d) || isIdentStart(c)) {
            boolean negated = c == '!';
            if (negated) {
                p++;
            }
            String w = word().toLowerCase(Locale.ROOT);
            if (w.equals("in")) {
                boolean ci = p < n && peek() == '~';
                if (ci) {
                    p++;
                }
                return inList(column, negated, ci);
            }
            if (w.equals("matches") && !negated) {
                if (!keyword("regex")) {
                    throw error(p, "'regex' after 'matches'");
                }
                Ast.Literal lit = literal();
                if (lit.kind() != Ast.Kind.STRING) {
                    throw new QueryException("syntax error at " + at(s, lit.pos()) + ": matches regex needs a string literal"
                            + pointer(s, lit.pos()));
                }
                try {
                    return new Ast.Compare(column, Ast.Op.MATCHES_REGEX, lit, Pattern.compile((String) lit.value()));
                } catch (PatternSyntaxException e) {
                    throw new QueryException("invalid regular expression at " + at(s, lit.pos()) + ": "
                            + e.getDescription() + " near index " + e.getIndex() + pointer(s, lit.pos()), e);
                }
            }
            op = Ast.Op.word(w, negated);
            if (op == null) {
                p = opPos;
                throw error(opPos, "a comparison operator (" + COMPARISONS + ") after column '" + column.name() + "'");
            }
        } else {
            throw error(opPos, "a comparison operator (" + COMPARISONS + ") after column '" + column.name() + "'");
        }
        return new Ast.Compare(column, op, literal(), null);
    }

    private Ast.Expr inList(Ast.ColRef column, boolean negated, boolean ci) {
        ws();
        expect('(', "'(' to open the list of values");
        List<Ast.Literal> values = new ArrayList<>();
        do {
            Ast.Literal lit = literal();
            if (lit.kind() == Ast.Kind.NULL) {
                throw new QueryException("syntax error at " + at(s, lit.pos()) + ": null cannot be in an in (...) list; use isnull(...)"
                        + pointer(s, lit.pos()));
            }
            values.add(lit);
            ws();
        } while (consume(','));
        expect(')', "',' or ')' in the list of values");
        return new Ast.In(column, List.copyOf(values), negated, ci);
    }

    private Ast.Literal literal() {
        ws();
        int st = p;
        if (p >= n) {
            throw error(p, "a value (a string, number, true, false, null or datetime(...))");
        }
        char c = peek();
        if (c == '"' || c == '\'') {
            String v = quoted();
            return new Ast.Literal(Ast.Kind.STRING, v, v, st);
        }
        if (verbatimAhead()) {
            String v = verbatim();
            return new Ast.Literal(Ast.Kind.STRING, v, v, st);
        }
        if (!isBareChar(c)) {
            throw error(p, "a value (a string, number, true, false, null or datetime(...))");
        }
        while (p < n && isBareChar(peek())) {
            p++;
        }
        String w = s.substring(st, p);
        if (p < n && peek() == '(') {
            p++;
            return function(w, st);
        }
        String lw = w.toLowerCase(Locale.ROOT);
        if (lw.equals("true") || lw.equals("false")) {
            return new Ast.Literal(Ast.Kind.BOOLEAN, lw.equals("true"), lw, st);
        }
        if (lw.equals("null")) {
            return new Ast.Literal(Ast.Kind.NULL, null, "", st);
        }
        if (LONG.matcher(w).matches()) {
            try {
                return new Ast.Literal(Ast.Kind.LONG, Long.parseLong(w), w, st);
            } catch (NumberFormatException e) {
                return new Ast.Literal(Ast.Kind.DOUBLE, Double.parseDouble(w), w, st);
            }
        }
        if (DOUBLE.matcher(w).matches()) {
            return new Ast.Literal(Ast.Kind.DOUBLE, Double.parseDouble(w), w, st);
        }
        Instant t = Timestamps.parse(w);
        if (t != null) {
            return new Ast.Literal(Ast.Kind.TIMESTAMP, t, w, st);
        }
        // an unquoted word on the right of an operator is a string (what QueryLanguage.bare writes for plain tokens)
        return new Ast.Literal(Ast.Kind.STRING, w, w, st);
    }

    private Ast.Literal function(String name, int st) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "datetime": {
                ws();
                int argPos = p;
                String arg;
                if (p < n && (peek() == '"' || peek() == '\'')) {
                    arg = quoted();
                } else {
                    while (p < n && peek() != ')') {
                        p++;
                    }
                    arg = s.substring(argPos, p).trim();
                }
                ws();
                expect(')', "')' to close datetime(");
                Instant t = Timestamps.parse(arg);
                if (t == null) {
                    throw new QueryException("syntax error at " + at(s, argPos) + ": datetime(" + arg + ") is not a date and time; "
                            + "expected ISO-8601 such as 2024-01-31T12:00:00Z or 'yyyy-MM-dd HH:mm:ss' (UTC)" + pointer(s, argPos));
                }
                return new Ast.Literal(Ast.Kind.TIMESTAMP, t, arg, st);
            }
            case "now": {
                ws();
                expect(')', "')' after now(");
                Instant t = Instant.now();
                return new Ast.Literal(Ast.Kind.TIMESTAMP, t, t.toString(), st);
            }
            case "ago": {
                ws();
                int argPos = p;
                while (p < n && peek() != ')') {
                    p++;
                }
                Matcher m = TIMESPAN.matcher(s.substring(argPos, p).trim());
                if (!m.matches()) {
                    throw error(argPos, "a timespan such as 7d, 12h, 30m, 10s or 500ms in ago(...)");
                }
                expect(')', "')' after ago(");
                double amount = Double.parseDouble(m.group(1));
                long unitNanos = switch (m.group(2)) {
                    case "d" -> 86_400_000_000_000L;
                    case "h" -> 3_600_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "s" -> 1_000_000_000L;
                    default -> 1_000_000L;
                };
                Instant t = Instant.now().minus(Duration.ofNanos((long) (amount * unitNanos)));
                return new Ast.Literal(Ast.Kind.TIMESTAMP, t, t.toString(), st);
            }
            default:
                throw new QueryException("syntax error at " + at(s, st) + ": unknown function '" + name
                        + "(', expected datetime(...), now() or ago(...)" + pointer(s, st));
        }
    }

    private Ast.ColRef columnRef() {
        int st = p;
        if (p < n && peek() == '[') {
            p++;
            ws();
            String name;
            if (p < n && (peek() == '"' || peek() == '\'')) {
                name = quoted();
            } else if (verbatimAhead()) {
                name = verbatim();
            } else {
                throw error(p, "a quoted column name in [...], e.g. ['Event Time']");
            }
            ws();
            expect(']', "']' to close the column name");
            return new Ast.ColRef(name, st);
        }
        if (p < n && isIdentStart(peek())) {
            return new Ast.ColRef(word(), st);
        }
        throw error(p, "a column name");
    }

    /** A "..." or '...' literal with backslash escapes \\ \" \' \n \r \t. */
    private String quoted() {
        int st = p;
        char q = s.charAt(p++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (p >= n) {
                throw new QueryException("syntax error at " + at(s, st) + ": string literal opened with " + q
                        + " is not closed" + pointer(s, st));
            }
            char c = s.charAt(p);
            if (c == q) {
                p++;
                return sb.toString();
            }
            if (c == '\n' || c == '\r') {
                throw new QueryException("syntax error at " + at(s, p) + ": line break inside a string literal (write \\n)"
                        + pointer(s, p));
            }
            if (c == '\\') {
                if (p + 1 >= n) {
                    throw new QueryException("syntax error at " + at(s, st) + ": string literal opened with " + q
                            + " is not closed" + pointer(s, st));
                }
                char e = s.charAt(p + 1);
                switch (e) {
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
                    case '\'' -> sb.append('\'');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    default -> throw new QueryException("syntax error at " + at(s, p) + ": unknown escape \\" + e
                            + " in a string literal (known: \\\\ \\\" \\' \\n \\r \\t; use @\"...\" for text with backslashes)"
                            + pointer(s, p));
                }
                p += 2;
                continue;
            }
            sb.append(c);
            p++;
        }
    }

    private boolean verbatimAhead() {
        return p + 1 < n && s.charAt(p) == '@' && (s.charAt(p + 1) == '"' || s.charAt(p + 1) == '\'');
    }

    /** A @"..." or @'...' literal: no escapes, a doubled quote is one quote. */
    private String verbatim() {
        int st = p;
        char q = s.charAt(p + 1);
        p += 2;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (p >= n) {
                throw new QueryException("syntax error at " + at(s, st) + ": verbatim string literal @" + q
                        + " is not closed" + pointer(s, st));
            }
            char c = s.charAt(p);
            if (c == q) {
                if (p + 1 < n && s.charAt(p + 1) == q) {
                    sb.append(q);
                    p += 2;
                    continue;
                }
                p++;
                return sb.toString();
            }
            if (c == '\n' || c == '\r') {
                throw new QueryException("syntax error at " + at(s, p) + ": line break inside a string literal"
                        + pointer(s, p));
            }
            sb.append(c);
            p++;
        }
    }

    private String word() {
        int st = p;
        if (p < n && isIdentStart(peek())) {
            p++;
            while (p < n && isIdentPart(peek())) {
                p++;
            }
        }
        return s.substring(st, p);
    }

    /** Consumes keyword {@code k} (case-insensitive, whole word) after optional blanks. */
    private boolean keyword(String k) {
        ws();
        int len = k.length();
        if (s.regionMatches(true, p, k, 0, len) && (p + len >= n || !isIdentPart(s.charAt(p + len)))) {
            p += len;
            return true;
        }
        return false;
    }

    private boolean consume(char c) {
        ws();
        if (p < n && peek() == c) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(char c, String what) {
        if (p < n && peek() == c) {
            p++;
            return;
        }
        throw error(p, what);
    }

    private void ws() {
        while (p < n && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
    }

    private char peek() {
        return s.charAt(p);
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '@';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    /** Characters of an unquoted literal: plain tokens, numbers and ISO timestamps. */
    private static boolean isBareChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '*' || c == '-' || c == '+' || c == ':';
    }

    private QueryException error(int at, String expected) {
        return new QueryException("syntax error at " + at(s, at) + ": expected " + expected + ", found " + found(at)
                + pointer(s, at));
    }

    private String found(int at) {
        if (at >= n) {
            return "the end of the query";
        }
        int e = at;
        if (isIdentPart(s.charAt(at))) {
            while (e < n && isIdentPart(s.charAt(e)) && e - at < 30) {
                e++;
            }
        } else {
            e = at + 1;
        }
        return "'" + s.substring(at, e) + "'";
    }
}
