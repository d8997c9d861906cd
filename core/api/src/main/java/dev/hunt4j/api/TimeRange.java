package dev.hunt4j.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time interval {@code [start, end)} in UTC.
 *
 * @param start inclusive start
 * @param end   exclusive end, not before {@code start}
 */
public record TimeRange(Instant start, Instant end) {
    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("time range end " + end + " is before its start " + start);
        }
    }

    /** The range that ends now and reaches {@code length} back. */
    public static TimeRange last(Duration length) {
        Instant now = Instant.now();
        return new TimeRange(now.minus(length), now);
    }

    /** Whether {@code t} lies in the range. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
