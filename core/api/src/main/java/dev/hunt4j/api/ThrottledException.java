package dev.hunt4j.api;

import java.time.Duration;
import java.util.Optional;

/** The backend asked us to slow down (HTTP 429, quota exceeded) and retries were used up. */
public class ThrottledException extends Hunt4jException {
    private final Duration retryAfter;

    public ThrottledException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the backend asked to wait, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
