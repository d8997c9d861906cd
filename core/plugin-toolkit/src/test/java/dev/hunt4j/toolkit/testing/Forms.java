package dev.hunt4j.toolkit.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;

/** Reads an {@code application/x-www-form-urlencoded} request body. */
public final class Forms {
    private Forms() {
    }

    public static Map<String, String> parse(RecordedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        String body = r.getBody() == null ? "" : r.getBody().utf8();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
