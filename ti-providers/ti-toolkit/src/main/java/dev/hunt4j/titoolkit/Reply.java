package dev.hunt4j.titoolkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's answer to one lookup request that the plugin interprets: a 2xx or a 4xx other than 401, 403, 408
 * and 429 (those are thrown, see {@link TiHttp#send}).
 *
 * @param code      the HTTP status
 * @param json      the body as JSON, or {@code null} when it is not JSON (see {@code malformed}) or the status is 4xx
 * @param text      the body as text (2xx), or {@code null}
 * @param message   for a 4xx, the service's message (redacted); for a body that is not JSON, what is wrong with it
 */
public record Reply(int code, JsonNode json, String text, String message) {

    /** A 2xx whose body is not the JSON the service documents. */
    public boolean malformed() {
        return code / 100 == 2 && json == null;
    }

    /** A 2xx with JSON. */
    public boolean ok() {
        return code / 100 == 2 && json != null;
    }
}
