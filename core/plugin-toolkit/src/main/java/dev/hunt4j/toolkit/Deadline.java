package dev.hunt4j.toolkit;

import java.time.Duration;

/** The moment a query must be finished by: its start plus {@code QueryOptions.timeout}. */
public final class Deadline {
    private final Duration limit;
    private final long endNanos;

    private Deadline(Duration limit) {
        this.limit = limit;
        // saturate: a huge timeout must not overflow into the past
        long nanos = limit.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : limit.toNanos();
        this.endNanos = System.nanoTime() + nanos;
    }

    /** A deadline {@code limit} from now. */
    public static Deadline after(Duration limit) {
        return new Deadline(limit);
    }

    /** The limit this deadline was set with, for messages. */
    public Duration limit() {
        return limit;
    }

    /** Time left; zero once expired. */
    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }
}
