package dev.hunt4j.runtime.query;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent, deliberately simple tokenizer for checking rendered queries from the outside: string
 * literals are decoded, comments are single tokens, runs of word characters are one token, anything else is
 * one token per character. It shares no code with the renderer, so it can catch the renderer's mistakes.
 */
public final class Tokens {
    public enum Kind { STRING, WORD, PUNCT, COMMENT }

    public record Token(Kind kind, String text, String value) {
        @Override
        public String toString() {
            return kind + "(" + text + ")";
        }
    }

    /** The lexical rules of a dialect. */
    public record Dialect(String quotes, boolean backslashEscapes, boolean doubledQuotes, boolean verbatimAt,
                   String lineComment, String blockOpen, String blockClose) {
    }

    public static final Dialect KQL = new Dialect("\"'", true, false, true, "//", null, null);
    static final Dialect SPL = new Dialect("\"", true, false, false, null, null, null);
    static final Dialect SQL = new Dialect("'", false, true, false, "--", "/*", "*/");

    private Tokens() {
    }

    public static List<Token> tokenize(String s, Dialect d) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (d.lineComment() != null && s.startsWith(d.lineComment(), i)) {
                int end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
                out.add(new Token(Kind.COMMENT, s.substring(i, end), null));
                i = end;
            } else if (d.blockOpen() != null && s.startsWith(d.blockOpen(), i)) {
                int end = s.indexOf(d.blockClose(), i + d.blockOpen().length());
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated comment in " + s);
                }
                end += d.blockClose().length();
                out.add(new Token(Kind.COMMENT, s.substring(i, end), null));
                i = end;
            } else if (d.verbatimAt() && c == '@' && i + 1 < s.length() && d.quotes().indexOf(s.charAt(i + 1)) >= 0) {
                i = literal(s, i + 1, d, true, out, i);
            } else if (d.quotes().indexOf(c) >= 0) {
                i = literal(s, i, d, false, out, i);
            } else if (isWord(c)) {
                int j = i;
                while (j < s.length() && isWord(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j), s.substring(i, j)));
                i = j;
            } else {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), String.valueOf(c)));
                i++;
            }
        }
        return out;
    }

    private static boolean isWord(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "_.*-".indexOf(c) >= 0);
    }

    private static int literal(String s, int open, Dialect d, boolean verbatim, List<Token> out, int start) {
        char q = s.charAt(open);
        StringBuilder value = new StringBuilder();
        int i = open + 1;
        while (true) {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unterminated string literal at " + start + " in " + s);
            }
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("line break inside a string literal at " + i + " in " + s);
            }
            if (c == q) {
                if ((verbatim || d.doubledQuotes()) && i + 1 < s.length() && s.charAt(i + 1) == q) {
                    value.append(q);
                    i += 2;
                    continue;
                }
                out.add(new Token(Kind.STRING, s.substring(start, i + 1), value.toString()));
                return i + 1;
            }
            if (c == '\\' && d.backslashEscapes() && !verbatim) {
                char e = s.charAt(i + 1);
                value.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e;
                });
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
    }
}
