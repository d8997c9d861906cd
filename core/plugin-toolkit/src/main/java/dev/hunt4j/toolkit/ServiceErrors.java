package dev.hunt4j.toolkit;

import java.time.Duration;

/**
 * What a backend's error responses look like, so the {@link HttpTransport} can report them in the service's own
 * words. One implementation per service API.
 */
public interface ServiceErrors {

    /** The service as users know it, e.g. {@code Log Analytics}. */
    String service();

    /**
     * The service's own message in an error body (already redacted), or {@code null} when there is none.
     *
     * @param status the HTTP status
     * @param body   up to 64 KiB of the body
     */
    String message(int status, String body);

    /** What to check when the service answers 401 or 403 (permissions, roles, token audience). */
    String authHint(int status, String message);

    /** A wait the service asked for in its message rather than in a {@code Retry-After} header, or null. */
    default Duration retryAfterInMessage(String message) {
        return null;
    }

    /** The service's rate limits, added to throttling errors. */
    default String throttleHint() {
        return "";
    }

    /**
     * Whether a 408, 429, 500, 502, 503 or 504 answer is worth retrying; false for failures that would only repeat,
     * such as a query the service stopped at its own time limit.
     */
    default boolean retryable(int status, String message) {
        return true;
    }

    /** Advice added to an error message (other than 401, 403 and 429), e.g. about result size or time limits. */
    default String errorHint(int status, String message) {
        return "";
    }
}
