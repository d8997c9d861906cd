package dev.hunt4j.analysis.mask;

/**
 * Masks the values inside JSON text without building a tree: the text is copied as it is (key order,
 * whitespace, numbers' spelling) and only string values, and numbers under mapped keys, are replaced. A
 * value's type comes from its nearest key through the column map; array elements take the array's key;
 * string values under keys the map does not name are masked as {@link MaskType#AUTO}, numbers, booleans and
 * nulls under them are kept. Text that is not a JSON object or array gives {@code null}.
 */
final class JsonMask {
    private static final int MAX_DEPTH = 200;

    /** Thrown on malformed input; preallocated and stackless because it only steers the fallback. */
    private static final class NotJson extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotJson() {
            super("not JSON", null, false, false);
        }
    }

    private static final NotJson NOT_JSON = new NotJson();

    private final String s;
    private final MaskRules rules;
    private final StringBuilder out;
    private int pos;

    private JsonMask(String s, MaskRules rules) {
        this.s = s;
        this.rules = rules;
        this.out = new StringBuilder(s.length() + 16);
    }

    static String mask(String text, MaskRules rules) {
        JsonMask m = new JsonMask(text, rules);
        try {
            m.ws();
            if (m.pos >= text.length() || (text.charAt(m.pos) != '{' && text.charAt(m.pos) != '[')) {
                return null;
            }
            m.value(null, 0);
            m.ws();
            return m.pos == text.length() ? m.out.toString() : null;
        } catch (NotJson | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private void value(String key, int depth) {
        if (depth > MAX_DEPTH) {
            throw NOT_JSON;
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                object(depth + 1);
                break;
            case '[':
                array(key, depth + 1);
                break;
            case '"': {
                int start = pos;
                String v = readString();
                MaskType t = typeFor(key);
                if (t == MaskType.KEEP) {
                    out.append(s, start, pos);
                } else {
                    writeString(rules.mask(t, v));
                }
                break;
            }
            case 't':
                literal("true");
                break;
            case 'f':
                literal("false");
                break;
            case 'n':
                literal("null");
                break;
            default:
                if (c != '-' && (c < '0' || c > '9')) {
                    throw NOT_JSON;
                }
                int start = pos;
                while (pos < s.length() && isNumberChar(s.charAt(pos))) {
                    pos++;
                }
                MaskType t = key == null ? null : rules.map().typeOf(key);
                if (t != null && t != MaskType.KEEP) {
                    out.append(rules.number(s.substring(start, pos)));
                } else {
                    out.append(s, start, pos);
                }
        }
    }

    private MaskType typeFor(String key) {
        MaskType t = key == null ? null : rules.map().typeOf(key);
        return t == null ? MaskType.AUTO : t;
    }

    private void object(int depth) {
        out.append('{');
        pos++;
        ws();
        if (s.charAt(pos) == '}') {
            out.append('}');
            pos++;
            return;
        }
        while (true) {
            if (s.charAt(pos) != '"') {
                throw NOT_JSON;
            }
            int start = pos;
            String key = readString();
            out.append(s, start, pos);
            ws();
            expect(':');
            ws();
            value(key, depth);
            ws();
            char c = s.charAt(pos);
            if (c == ',') {
                out.append(',');
                pos++;
                ws();
            } else if (c == '}') {
                out.append('}');
                pos++;
                return;
            } else {
                throw NOT_JSON;
            }
        }
    }

    private void array(String key, int depth) {
        out.append('[');
        pos++;
        ws();
        if (s.charAt(pos) == ']') {
            out.append(']');
            pos++;
            return;
        }
        while (true) {
            value(key, depth);
            ws();
            char c = s.charAt(pos);
            if (c == ',') {
                out.append(',');
                pos++;
                ws();
            } else if (c == ']') {
                out.append(']');
                pos++;
                return;
            } else {
                throw NOT_JSON;
            }
        }
    }

    private void expect(char c) {
        if (s.charAt(pos) != c) {
            throw NOT_JSON;
        }
        out.append(c);
        pos++;
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw NOT_JSON;
        }
        out.append(word);
        pos += word.length();
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            out.append(c);
            pos++;
        }
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    /** Reads the string starting at {@code pos} (a quote), decoding escapes; leaves {@code pos} after it. */
    private String readString() {
        int start = ++pos;
        while (true) {
            char c = s.charAt(pos);
            if (c == '"') {
                return s.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder().append(s, start, pos);
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(pos++), 16);
                        if (d < 0) {
                            throw NOT_JSON;
                        }
                        v = (v << 4) | d;
                    }
                    sb.append((char) v);
                    break;
                default:
                    throw NOT_JSON;
            }
        }
    }

    private void writeString(String v) {
        out.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
