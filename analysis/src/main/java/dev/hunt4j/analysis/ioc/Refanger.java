package dev.hunt4j.analysis.ioc;

/**
 * Turns defanged indicators back into their real form before scanning, keeping a map from each refanged
 * position to the original one so matches can report the text as it appeared.
 *
 * <p>Recognised forms (case-insensitive): {@code hxxp}, {@code hxxps}, {@code fxp}, {@code fxps} as URL schemes;
 * {@code [.]}, {@code (.)}, {@code {.}}, {@code [dot]}, {@code (dot)} for a dot and {@code [at]}, {@code (at)},
 * {@code [@]} for {@code @} — between letters or digits, optionally with one space on both sides
 * ({@code user [at] example [dot] com}); {@code [:]} and {@code [://]} after a scheme.
 */
final class Refanger {
    /** The refanged text and, for each of its positions plus one past the end, the original position. */
    record Refanged(String text, int[] map) {
    }

    private Refanger() {
    }

    /** Returns null when the text holds no defanged form (the common case, found with one cheap pass). */
    static Refanged refang(String s) {
        if (!mayBeDefanged(s)) {
            return null;
        }
        int n = s.length();
        StringBuilder out = null;
        int[] map = null;
        int copied = 0; // original text before this index is already in out
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int tokenStart;
            int tokenEnd;
            String replacement;
            if (c == '[' || c == '(' || c == '{') {
                int[] span = bracket(s, i);
                if (span == null) {
                    continue;
                }
                tokenStart = span[0];
                tokenEnd = span[1];
                replacement = span[2] == 0 ? "." : span[2] == 1 ? "@" : span[2] == 2 ? ":" : "://";
            } else if ((c == 'h' || c == 'H' || c == 'f' || c == 'F') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                int end = scheme(s, i);
                if (end < 0) {
                    continue;
                }
                tokenStart = i;
                tokenEnd = end;
                // schemes are case-insensitive: report the usual lower-case form (hXXps -> https)
                replacement = (c == 'h' || c == 'H' ? "https" : "ftps").substring(0, end - i);
            } else {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
                map = new int[n + 1];
            }
            copy(s, copied, tokenStart, out, map);
            for (int k = 0; k < replacement.length(); k++) {
                map[out.length()] = replacement.length() == tokenEnd - tokenStart ? tokenStart + k : tokenStart;
                out.append(replacement.charAt(k));
            }
            copied = tokenEnd;
            i = tokenEnd - 1;
        }
        if (out == null) {
            return null;
        }
        copy(s, copied, n, out, map);
        map[out.length()] = n;
        int[] exact = new int[out.length() + 1];
        System.arraycopy(map, 0, exact, 0, exact.length);
        return new Refanged(out.toString(), exact);
    }

    /** Appends {@code s[from,to)} in bulk and records where each character came from. */
    private static void copy(String s, int from, int to, StringBuilder out, int[] map) {
        int at = out.length();
        out.append(s, from, to);
        for (int k = from; k < to; k++) {
            map[at++] = k;
        }
    }

    /** One pass for the characters every defanged form contains. */
    private static boolean mayBeDefanged(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(' || c == '{') {
                return true;
            }
            if ((c == 'x' || c == 'X') && i > 0) {
                char p = s.charAt(i - 1);
                if (p == 'h' || p == 'H' || p == 'f' || p == 'F') {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A bracketed defang token at {@code i}: returns {start, end, kind} (kind 0 dot, 1 at, 2 colon, 3 colon-slash-slash)
     * where start/end include a single surrounding space on both sides when present, or null.
     */
    private static int[] bracket(String s, int i) {
        int n = s.length();
        char open = s.charAt(i);
        char close = open == '[' ? ']' : open == '(' ? ')' : '}';
        int j = i + 1;
        int k = j;
        while (k < n && k - j <= 4 && s.charAt(k) != close) {
            k++;
        }
        if (k >= n || s.charAt(k) != close) {
            return null;
        }
        int len = k - j;
        int kind = -1;
        char x = s.charAt(j);
        if (len == 1) {
            kind = x == '.' ? 0 : x == '@' ? 1 : x == ':' ? 2 : -1;
        } else if (len == 2 && s.regionMatches(true, j, "at", 0, 2)) {
            kind = 1;
        } else if (len == 3) {
            kind = s.regionMatches(true, j, "dot", 0, 3) ? 0 : s.startsWith("://", j) ? 3 : -1;
        }
        if (kind < 0) {
            return null;
        }
        int end = k + 1;
        if (kind >= 2) {
            // only right after a scheme: http[:]//, hxxp[://]
            if (i == 0 || !Character.isLetter(s.charAt(i - 1)) || open != '[') {
                return null;
            }
            return new int[] {i, end, kind};
        }
        int start = i;
        // "evil [dot] com": swallow one space on each side, but only when both sides have one
        if (i >= 2 && s.charAt(i - 1) == ' ' && end + 1 < n && s.charAt(end) == ' '
                && isLabel(s.charAt(i - 2)) && isLabel(s.charAt(end + 1))) {
            start = i - 1;
            end = end + 1;
        } else if (i == 0 || end >= n || !isLabel(s.charAt(i - 1)) || !isLabel(s.charAt(end))) {
            return null;
        }
        return new int[] {start, end, kind};
    }

    private static boolean isLabel(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /** {@code hxxp}, {@code hxxps}, {@code fxp}, {@code fxps} followed by {@code :} or {@code [}; returns the end of the scheme or -1. */
    private static int scheme(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        int j;
        if (c == 'h' || c == 'H') {
            if (i + 4 > n || !isX(s.charAt(i + 1)) || !isX(s.charAt(i + 2))) {
                return -1;
            }
            char p = s.charAt(i + 3);
            if (p != 'p' && p != 'P') {
                return -1;
            }
            j = i + 4;
        } else {
            if (i + 3 > n || !isX(s.charAt(i + 1))) {
                return -1;
            }
            char p = s.charAt(i + 2);
            if (p != 'p' && p != 'P') {
                return -1;
            }
            j = i + 3;
        }
        if (j < n && (s.charAt(j) == 's' || s.charAt(j) == 'S')) {
            j++;
        }
        if (j < n && (s.charAt(j) == ':' || s.charAt(j) == '[')) {
            return j;
        }
        return -1;
    }

    private static boolean isX(char c) {
        return c == 'x' || c == 'X';
    }
}
