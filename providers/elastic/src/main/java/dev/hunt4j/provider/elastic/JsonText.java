package dev.hunt4j.provider.elastic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Writes JSON text from a streaming parser into a reused buffer. Why not Jackson's generator: creating one per value
 * (what {@code JsonValues.structureText} does) allocates its buffers each time, and that was 46% of the client's CPU
 * when paging ECS documents, which carry a few small arrays each ({@code event.category: ["process"]}). Not
 * thread-safe; one per result stream.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder sb = new StringBuilder(256);

    /** The structure (or scalar) at the parser's current token as compact JSON; the parser ends on its last token. */
    String copy(JsonParser p) throws IOException {
        sb.setLength(0);
        write(p, p.currentToken());
        return sb.toString();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    String quote(String s) {
        sb.setLength(0);
        string(s, 0, s.length());
        return sb.toString();
    }

    private void write(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                sb.append('{');
                boolean first = true;
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    String name = p.currentName();
                    string(name, 0, name.length());
                    sb.append(':');
                    write(p, p.nextToken());
                }
                sb.append('}');
            }
            case START_ARRAY -> {
                sb.append('[');
                boolean first = true;
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (v == null) {
                        throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of input in an array");
                    }
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(p, v);
                }
                sb.append(']');
            }
            case VALUE_STRING -> {
                char[] c = p.getTextCharacters();
                string(c, p.getTextOffset(), p.getTextLength());
            }
            case VALUE_NULL -> sb.append("null");
            case VALUE_TRUE -> sb.append("true");
            case VALUE_FALSE -> sb.append("false");
            // numbers keep the digits exactly as the server wrote them
            default -> sb.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
    }

    private void string(CharSequence s, int off, int len) {
        sb.append('"');
        for (int i = off; i < off + len; i++) {
            escape(s.charAt(i));
        }
        sb.append('"');
    }

    private void string(char[] c, int off, int len) {
        sb.append('"');
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char ch = c[i];
            if (ch < 0x20 || ch == '"' || ch == '\\') {
                sb.append(c, start, i - start);
                escape(ch);
                start = i + 1;
            }
        }
        sb.append(c, start, end - start);
        sb.append('"');
    }

    private void escape(char ch) {
        switch (ch) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (ch < 0x20) {
                    sb.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xF]);
                } else {
                    sb.append(ch);
                }
            }
        }
    }
}
