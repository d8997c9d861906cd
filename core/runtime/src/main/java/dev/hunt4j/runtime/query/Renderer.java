package dev.hunt4j.runtime.query;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryLanguage;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Fills a parsed template in one pass. Every character written goes through a {@link QueryLexer}, so each
 * placeholder is filled according to where it really sits (inside which literal, or in code), and every
 * value is checked afterwards to have left the lexical state exactly as it found it.
 */
final class Renderer {
    private Renderer() {
    }

    /** What goes into one placeholder. */
    sealed interface Fill permits Raw, Value {
    }

    /** Trusted query text written as it is: a default from the query file, or a caller's {@link QueryFragment}. */
    record Raw(String text) implements Fill {
    }

    /** Data, written through the language's escaping. */
    record Value(Object value) implements Fill {
    }

    static String render(String queryName, Template template, Map<String, Fill> fills, QueryLanguage language) {
        QueryLexer lexer = new QueryLexer(QueryLexer.rulesFor(language));
        Output out = new Output(lexer);
        List<Template.Part> parts = template.parts();
        for (int k = 0; k < parts.size(); k++) {
            Template.Part part = parts.get(k);
            if (part instanceof Template.Text t) {
                out.append(t.text(), false);
                continue;
            }
            String name = ((Template.Slot) part).name();
            Fill fill = fills.get(name);
            if (fill == null) {
                throw new QueryException("query '" + queryName + "' uses placeholder {" + name
                        + "} but defines no parameter '" + name + "'");
            }
            if (fill instanceof Raw raw) {
                out.append(raw.text(), false);
                continue;
            }
            String next = k + 1 < parts.size() && parts.get(k + 1) instanceof Template.Text t ? t.text() : "";
            placeValue(queryName, name, ((Value) fill).value(), next, language, lexer, out);
        }
        return collapseBlankLines(out.text, out.valueChars);
    }

    private static void placeValue(String queryName, String name, Object value, String next, QueryLanguage language,
                                   QueryLexer lexer, Output out) {
        QueryLexer.Position where = lexer.settledPosition();
        String text;
        try {
            switch (where.mode()) {
                case STRING -> {
                    if (lexer.escapePending()) {
                        throw refused(queryName, name, "its placeholder directly follows a backslash inside a string literal");
                    }
                    if (value instanceof List<?> list && lexer.literalLength() == 0
                            && next.startsWith(String.valueOf(where.quote()))) {
                        text = listInQuotes(list, where, language);
                    } else {
                        text = language.insideString(value, where.quote(), where.verbatim());
                    }
                }
                case CODE, LINE_COMMENT -> {
                    text = language.bare(value);
                    if (!keepsPosition(lexer, text, where) && !language.quoteChars().isEmpty()) {
                        // A "plain token" that is not plain here (e.g. -- starts an SQL comment): write literals.
                        text = value instanceof List<?> list ? quotedList(list, language) : quoted(value, language);
                    }
                }
                default -> throw refused(queryName, name, "its placeholder sits inside " + lexer.settledLabel()
                        + ", where a value cannot be escaped");
            }
        } catch (IllegalArgumentException e) {
            throw new QueryException("parameter '" + name + "' of query '" + queryName + "' cannot be placed in a "
                    + language.name() + " query: " + e.getMessage(), e);
        }
        out.append(text, true);
        // Defence in depth: whatever the language wrote must leave us where we were.
        if (!lexer.position().equals(where) || lexer.escapePending()) {
            throw refused(queryName, name, "the value would change the structure of the " + language.name() + " query");
        }
    }

    private static String quoted(Object value, QueryLanguage language) {
        if (!(value instanceof String)) {
            return language.bare(value); // numbers and times have no literal form to fall back to
        }
        char q = language.quoteChars().charAt(0);
        return q + language.insideString(value, q, false) + q;
    }

    /** The built-in languages' list form (comma-separated), with every text element as a literal. */
    private static String quotedList(List<?> list, QueryLanguage language) {
        StringBuilder sb = new StringBuilder();
        for (Object o : list) {
            sb.append(sb.length() == 0 ? "" : ", ").append(quoted(o, language));
        }
        return sb.toString();
    }

    /** Whether writing {@code text} as a value leaves the lexer where it was (tried on a copy). */
    private static boolean keepsPosition(QueryLexer lexer, String text, QueryLexer.Position where) {
        QueryLexer trial = lexer.copy();
        if (!text.isEmpty() && trial.wouldJoin(text.charAt(0))) {
            trial.feed(' ');
        }
        trial.feed(text);
        return trial.position().equals(where) && !trial.escapePending();
    }

    /**
     * A list placed as the whole content of a literal ({@code "{hosts}"}) becomes one literal per element:
     * {@code "a", "b"}. MSTICPy's list formatting does the same for queries written that way.
     */
    private static String listInQuotes(List<?> list, QueryLexer.Position where, QueryLanguage language) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("an empty list cannot be placed here");
        }
        String q = String.valueOf(where.quote());
        String separator = q + ", " + (where.verbatim() ? "@" : "") + q;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(language.insideString(list.get(i), where.quote(), where.verbatim()));
        }
        return sb.toString();
    }

    private static QueryException refused(String queryName, String name, String why) {
        return new QueryException("parameter '" + name + "' of query '" + queryName + "' was refused: " + why);
    }

    /**
     * MSTICPy removes blank lines after filling a template (an empty default on its own line would otherwise
     * end a KQL statement). Characters that came from values are never touched.
     */
    static String collapseBlankLines(CharSequence s, BitSet valueChars) {
        StringBuilder r = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n' && !valueChars.get(i)) {
                int lastNewline = i;
                int j = i;
                while (j < n && Character.isWhitespace(s.charAt(j)) && !valueChars.get(j)) {
                    if (s.charAt(j) == '\n') {
                        lastNewline = j;
                    }
                    j++;
                }
                r.append('\n');
                i = lastNewline + 1;
                continue;
            }
            r.append(c);
            i++;
        }
        return r.toString();
    }

    /** The text being written, which characters came from values, and the lexer that follows it. */
    private static final class Output {
        final StringBuilder text = new StringBuilder();
        final BitSet valueChars = new BitSet();
        final QueryLexer lexer;
        boolean lastFromValue;

        Output(QueryLexer lexer) {
            this.lexer = lexer;
        }

        void append(String s, boolean fromValue) {
            if (s.isEmpty()) {
                return;
            }
            if ((fromValue || lastFromValue) && lexer.wouldJoin(s.charAt(0))) {
                // keep a value from merging with its neighbour into one token ('a''b', --, @")
                text.append(' ');
                lexer.feed(' ');
            }
            int start = text.length();
            text.append(s);
            if (fromValue) {
                valueChars.set(start, text.length());
            }
            lexer.feed(s);
            lastFromValue = fromValue;
        }
    }
}
