package dev.hunt4j.provider.local;

import java.util.List;
import java.util.regex.Pattern;

/** The syntax tree of a files-language query. Positions are 0-based offsets into the query text. */
final class Ast {
    private Ast() {
    }

    /** A whole query: the file (or glob) to read and the operators applied in order. */
    record Query(String text, String source, int sourcePos, List<Stage> stages) {
    }

    /** One {@code | operator}. */
    sealed interface Stage permits Where, Project, ProjectAway, Take, Count {
    }

    record Where(Expr expr, int pos) implements Stage {
    }

    record Project(List<ColRef> columns, int pos) implements Stage {
    }

    record ProjectAway(List<ColRef> columns, int pos) implements Stage {
    }

    record Take(long rows, int pos) implements Stage {
    }

    record Count(int pos) implements Stage {
    }

    /** A column named in the query. */
    record ColRef(String name, int pos) {
    }

    /** Literal kinds; {@link Literal#value()} is a String, Long, Double, Boolean, null or Instant. */
    enum Kind {
        STRING, LONG, DOUBLE, BOOLEAN, NULL, TIMESTAMP
    }

    /**
     * A literal value.
     *
     * @param text the value as text: the string itself, or a number or bare word as written, used when the
     *             literal is compared with a string column (so {@code 007} stays {@code 007})
     */
    record Literal(Kind kind, Object value, String text, int pos) {
    }

    sealed interface Expr permits Or, And, Not, Compare, In, Check, Const {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record And(Expr left, Expr right) implements Expr {
    }

    record Not(Expr inner) implements Expr {
    }

    record Const(boolean value) implements Expr {
    }

    /** {@code column op literal}; {@code regex} is set for {@code matches regex}. */
    record Compare(ColRef column, Op op, Literal literal, Pattern regex) implements Expr {
    }

    record In(ColRef column, List<Literal> values, boolean negated, boolean ignoreCase) implements Expr {
    }

    record Check(ColRef column, CheckKind kind) implements Expr {
    }

    enum CheckKind {
        ISEMPTY, ISNOTEMPTY, ISNULL, ISNOTNULL
    }

    /** Comparison operators; the text ones (contains, has, ...) work on the text of any column. */
    enum Op {
        EQ("==", false, false), NE("!=", false, true), EQ_CI("=~", false, false), NE_CI("!~", false, true),
        LT("<", false, false), LE("<=", false, false), GT(">", false, false), GE(">=", false, false),
        CONTAINS("contains", true, false), NOT_CONTAINS("!contains", true, true),
        CONTAINS_CS("contains_cs", true, false), NOT_CONTAINS_CS("!contains_cs", true, true),
        STARTSWITH("startswith", true, false), NOT_STARTSWITH("!startswith", true, true),
        STARTSWITH_CS("startswith_cs", true, false), NOT_STARTSWITH_CS("!startswith_cs", true, true),
        ENDSWITH("endswith", true, false), NOT_ENDSWITH("!endswith", true, true),
        ENDSWITH_CS("endswith_cs", true, false), NOT_ENDSWITH_CS("!endswith_cs", true, true),
        HAS("has", true, false), NOT_HAS("!has", true, true),
        HAS_CS("has_cs", true, false), NOT_HAS_CS("!has_cs", true, true),
        MATCHES_REGEX("matches regex", true, false);

        final String symbol;
        final boolean textual;
        final boolean negated;

        Op(String symbol, boolean textual, boolean negated) {
            this.symbol = symbol;
            this.textual = textual;
            this.negated = negated;
        }

        /** The word operator (without a leading {@code !}) named {@code word}, or null. */
        static Op word(String word, boolean negated) {
            for (Op op : values()) {
                if (op.textual && op.negated == negated && op != MATCHES_REGEX
                        && op.symbol.equals((negated ? "!" : "") + word)) {
                    return op;
                }
            }
            return null;
        }
    }
}
