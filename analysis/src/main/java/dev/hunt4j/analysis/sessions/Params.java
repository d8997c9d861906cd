package dev.hunt4j.analysis.sessions;

import dev.hunt4j.api.query.QueryLanguages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads command parameters from text: a JSON list of {@code {"Name": ..., "Value": ...}} objects (Exchange / Office
 * 365 audit {@code Parameters}), a JSON list of names, a JSON object of name → value, or a command line whose
 * {@code -name}, {@code --name}, {@code /name} tokens are parameters (a following plain token, or {@code =value} /
 * {@code :value}, is the value). A small JSON reader of its own keeps the module free of a JSON library.
 */
final class Params {
    private Params() {
    }

    /** Parameter name → value (null when none) from {@code text}; empty for null or blank text. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return out;
        }
        if (t.charAt(0) == '[' || t.charAt(0) == '{') {
            try {
                Object v = new Json(t).value();
                if (v instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> m) {
                            Object n = get(m, "name");
                            if (n != null) {
                                out.put(Json.text(n), m.containsKey("Value") || m.containsKey("value") ? Json.text(get(m, "value")) : null);
                            }
                        } else if (item != null) {
                            out.put(Json.text(item), null);
                        }
                    }
                    return out;
                }
                if (v instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        out.put(String.valueOf(e.getKey()), e.getValue() == null ? null : Json.text(e.getValue()));
                    }
                    return out;
                }
            } catch (IllegalArgumentException e) {
                // not JSON after all: read it as a command line
            }
        }
        commandLine(tokens(t), 0, out);
        return out;
    }

    private static Object get(Map<?, ?> m, String key) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Splits a command line on white space, keeping quoted parts together (quotes removed). */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Reads parameters from tokens[from ...] into out. */
    static void commandLine(List<String> tokens, int from, Map<String, String> out) {
        for (int i = from; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            if (!isParam(tok)) {
                continue; // a positional argument
            }
            String p = tok.startsWith("--") ? tok.substring(2) : tok.substring(1);
            String value = null;
            int eq = indexOfSep(p);
            if (eq > 0) {
                value = p.substring(eq + 1);
                p = p.substring(0, eq);
            } else if (i + 1 < tokens.size() && !isParam(tokens.get(i + 1))) {
                value = tokens.get(++i);
            }
            out.put(p, value);
        }
    }

    private static int indexOfSep(String p) {
        int eq = p.indexOf('=');
        int colon = p.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static boolean isParam(String tok) {
        if (tok.length() < 2) {
            return false;
        }
        char c = tok.charAt(0);
        if (c == '-') {
            return !Character.isDigit(tok.charAt(1)); // -5 is a number
        }
        return c == '/' && tok.indexOf('/', 1) < 0 && tok.indexOf('\\') < 0; // /flag, not /usr/bin
    }

    /** Minimal JSON reader: objects (LinkedHashMap), arrays (List), strings, numbers and literals kept as text. */
    static final class Json {
        private final String s;
        private int p;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            Object v = read();
            ws();
            if (p != s.length()) {
                throw new IllegalArgumentException("trailing text at " + p);
            }
            return v;
        }

        private void ws() {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
        }

        private Object read() {
            ws();
            if (p >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(p);
            if (c == '{') {
                p++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (peek('}')) {
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, read());
                    ws();
                    if (peek('}')) {
                        return m;
                    }
                    expect(',');
                }
            }
            if (c == '[') {
                p++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek(']')) {
                    return l;
                }
                while (true) {
                    l.add(read());
                    ws();
                    if (peek(']')) {
                        return l;
                    }
                    expect(',');
                }
            }
            if (c == '"') {
                return string();
            }
            int start = p;
            while (p < s.length() && ",}] \t\r\n".indexOf(s.charAt(p)) < 0) {
                p++;
            }
            String lit = s.substring(start, p);
            if (lit.isEmpty()) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + p);
            }
            return lit.equals("null") ? null : new Literal(lit);
        }

        private boolean peek(char c) {
            if (p < s.length() && s.charAt(p) == c) {
                p++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + p);
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (p < s.length()) {
                char c = s.charAt(p++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && p < s.length()) {
                    char e = s.charAt(p++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (p + 4 > s.length()) {
                                throw new IllegalArgumentException("bad \\u escape");
                            }
                            sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
                            p += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated string");
        }

        /** A number or true/false, kept as written. */
        record Literal(String text) {
            @Override
            public String toString() {
                return text;
            }
        }

        /** A parsed value as text: strings as they are, everything else as compact JSON. */
        static String text(Object v) {
            if (v == null) {
                return null;
            }
            if (v instanceof String str) {
                return str;
            }
            StringBuilder sb = new StringBuilder();
            write(sb, v);
            return sb.toString();
        }

        static void write(StringBuilder sb, Object v) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String str) {
                sb.append(QueryLanguages.JSON.bare(str));
            } else if (v instanceof Map<?, ?> m) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    sb.append(QueryLanguages.JSON.bare(String.valueOf(e.getKey())));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            } else if (v instanceof List<?> l) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    write(sb, l.get(i));
                }
                sb.append(']');
            } else {
                sb.append(v);
            }
        }
    }
}
