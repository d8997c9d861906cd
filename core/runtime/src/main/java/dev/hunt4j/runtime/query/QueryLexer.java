package dev.hunt4j.runtime.query;

import dev.hunt4j.api.query.QueryLanguage;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows the lexical state of a query text as it is written, one character at a time: code, a string
 * literal (which quote, verbatim or not, whether an escape is pending), a comment, or a region where values
 * cannot be escaped at all (quoted identifiers, macros, multi-line strings). The renderer asks it where each
 * placeholder sits, and checks after each value that the value left the state as it found it.
 *
 * <p>Multi-character openers ({@code //}, {@code --}, {@code @"}, {@code ```}) are recognised with the
 * longest match; characters that may start one stay pending until the next character decides.
 */
final class QueryLexer {

    /** The kinds of place a character can be in. */
    enum Mode { CODE, STRING, LINE_COMMENT, BLOCK_COMMENT, OPAQUE }

    /** Something that starts a region when met in code. */
    private record Opener(String text, Mode mode, char quote, boolean verbatim, String closer, String label) {
    }

    /** The lexical rules of one language. */
    record Rules(String quotes, boolean backslashEscapes, boolean doubledQuotes, boolean verbatimStrings,
                 List<String> lineComments, List<String[]> blockComments, List<String[]> opaque) {
    }

    /** A comparable summary of where the lexer is. */
    record Position(Mode mode, char quote, boolean verbatim) {
    }

    private final List<Opener> openers = new ArrayList<>();
    private final boolean backslashEscapes;
    private final boolean doubledQuotes;

    private Mode mode = Mode.CODE;
    private char quote;
    private boolean verbatim;
    private boolean escapePending;
    private boolean closePending;
    private int literalLength;
    private String closer = "";
    private String label = "";
    private final StringBuilder tail = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();

    /** An independent copy, to try out text before writing it. */
    QueryLexer copy() {
        return new QueryLexer(this);
    }

    private QueryLexer(QueryLexer other) {
        openers.addAll(other.openers);
        backslashEscapes = other.backslashEscapes;
        doubledQuotes = other.doubledQuotes;
        mode = other.mode;
        quote = other.quote;
        verbatim = other.verbatim;
        escapePending = other.escapePending;
        closePending = other.closePending;
        literalLength = other.literalLength;
        closer = other.closer;
        label = other.label;
        tail.append(other.tail);
        pending.append(other.pending);
    }

    QueryLexer(Rules rules) {
        this.backslashEscapes = rules.backslashEscapes();
        this.doubledQuotes = rules.doubledQuotes();
        for (char q : rules.quotes().toCharArray()) {
            openers.add(new Opener(String.valueOf(q), Mode.STRING, q, false, "", "a string literal"));
            if (rules.verbatimStrings()) {
                openers.add(new Opener("@" + q, Mode.STRING, q, true, "", "a verbatim string literal"));
            }
        }
        for (String c : rules.lineComments()) {
            openers.add(new Opener(c, Mode.LINE_COMMENT, '\0', false, "\n", "a " + c + " comment"));
        }
        for (String[] b : rules.blockComments()) {
            openers.add(new Opener(b[0], Mode.BLOCK_COMMENT, '\0', false, b[1], "a " + b[0] + " " + b[1] + " comment"));
        }
        for (String[] o : rules.opaque()) {
            openers.add(new Opener(o[0], Mode.OPAQUE, '\0', false, o[1], o[2]));
        }
    }

    /** The rules for a language: the built-in ones by name, anything else from what the language declares. */
    static Rules rulesFor(QueryLanguage language) {
        String quotes = language.quoteChars();
        return switch (language.name()) {
            case "kql", "files" -> new Rules(quotes, true, false, true, List.of("//"), List.of(),
                    List.of(new String[] {"```", "```", "a ``` multi-line string"},
                            new String[] {"~~~", "~~~", "a ~~~ multi-line string"}));
            case "spl" -> new Rules(quotes, true, false, false, List.of(), List.of(),
                    List.of(new String[] {"```", "```", "a ``` comment"},
                            new String[] {"`", "`", "a `macro` call"},
                            new String[] {"'", "'", "a 'quoted field name'"}));
            case "sql" -> new Rules(quotes, false, true, false, List.of("--"), List.<String[]>of(new String[] {"/*", "*/"}),
                    List.of(new String[] {"\"", "\"", "a \"quoted identifier\""},
                            new String[] {"`", "`", "a `quoted identifier`"}));
            default -> new Rules(quotes, true, false, language.hasVerbatimStrings(), List.of(), List.of(), List.of());
        };
    }

    void feed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            feed(text.charAt(i));
        }
    }

    void feed(char c) {
        switch (mode) {
            case STRING -> inString(c);
            case LINE_COMMENT -> {
                if (c == '\n') {
                    mode = Mode.CODE;
                }
            }
            case BLOCK_COMMENT, OPAQUE -> {
                tail.append(c);
                if (tail.length() > closer.length()) {
                    tail.deleteCharAt(0);
                }
                if (tail.toString().equals(closer)) {
                    mode = Mode.CODE;
                    tail.setLength(0);
                }
            }
            case CODE -> {
                pending.append(c);
                resolvePending(false);
            }
        }
    }

    private void inString(char c) {
        if (closePending) {
            closePending = false;
            if (c == quote) {
                literalLength++; // a doubled quote stands for one quote character
                return;
            }
            mode = Mode.CODE;
            feed(c);
            return;
        }
        if (escapePending) {
            escapePending = false;
            literalLength++;
            return;
        }
        if (c == quote) {
            if (verbatim || doubledQuotes) {
                closePending = true; // the next character decides: another quote, or the end
            } else {
                mode = Mode.CODE;
            }
            return;
        }
        if (c == '\\' && backslashEscapes && !verbatim) {
            escapePending = true;
        }
        literalLength++;
    }

    private void resolvePending(boolean force) {
        while (pending.length() > 0) {
            String p = pending.toString();
            boolean mayGrow = false;
            Opener best = null;
            for (Opener o : openers) {
                if (o.text().length() > p.length() && o.text().startsWith(p)) {
                    mayGrow = true;
                }
                if (p.startsWith(o.text()) && (best == null || o.text().length() > best.text().length())) {
                    best = o;
                }
            }
            if (mayGrow && !force) {
                return;
            }
            if (best != null) {
                String rest = p.substring(best.text().length());
                pending.setLength(0);
                enter(best);
                feed(rest);
                if (force && mode == Mode.CODE) {
                    resolvePending(true);
                }
                return;
            }
            pending.deleteCharAt(0);
        }
    }

    private void enter(Opener o) {
        mode = o.mode();
        label = o.label();
        switch (o.mode()) {
            case STRING -> {
                quote = o.quote();
                verbatim = o.verbatim();
                escapePending = false;
                closePending = false;
                literalLength = 0;
            }
            case LINE_COMMENT, BLOCK_COMMENT, OPAQUE -> {
                closer = o.closer();
                tail.setLength(0);
            }
            default -> {
            }
        }
    }

    /**
     * Whether {@code c}, written next, would join what came before into something else: a doubled quote
     * (an escaped quote instead of the end of a literal), or a longer opener such as {@code --}, {@code //},
     * {@code /*} or {@code @"}. The renderer writes a space in between when a value is on either side.
     */
    boolean wouldJoin(char c) {
        if (mode == Mode.STRING && closePending) {
            return c == quote;
        }
        if (mode == Mode.CODE && pending.length() > 0) {
            String grown = pending.toString() + c;
            for (Opener o : openers) {
                if (o.text().startsWith(grown)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Where a value written next would land if it does not join what came before: characters still
     * pending (such as a lone {@code `} that may start {@code ```}) are settled on a copy first.
     */
    Position settledPosition() {
        if (pending.length() == 0) {
            return position();
        }
        QueryLexer copy = new QueryLexer(this);
        copy.resolvePending(true);
        return copy.position();
    }

    /** What the region a value written next would land in is, for messages. */
    String settledLabel() {
        QueryLexer copy = new QueryLexer(this);
        copy.resolvePending(true);
        return copy.label;
    }

    /** Where the lexer is, with a literal that has just closed counted as code. */
    Position position() {
        if (mode == Mode.STRING && closePending) {
            return new Position(Mode.CODE, '\0', false);
        }
        return mode == Mode.STRING ? new Position(mode, quote, verbatim) : new Position(mode, '\0', false);
    }

    /** Whether a backslash inside a literal waits for the character it escapes. */
    boolean escapePending() {
        return mode == Mode.STRING && escapePending;
    }

    /** Characters of content since the current literal opened. */
    int literalLength() {
        return literalLength;
    }
}
