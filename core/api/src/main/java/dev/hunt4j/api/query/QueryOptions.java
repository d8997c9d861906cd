package dev.hunt4j.api.query;

import dev.hunt4j.api.TimeRange;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one query.
 *
 * @param timeRange    rows to keep by time, or {@code null} for no time filter
 * @param timeout      how long the whole query may take
 * @param maxRows      the most rows to return; 0 for no limit
 * @param cancellation set by the caller to stop the query
 */
public record QueryOptions(TimeRange timeRange, Duration timeout, long maxRows, Cancellation cancellation) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public QueryOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cancellation, "cancellation");
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be 0 (no limit) or more, got " + maxRows);
        }
    }

    /** No time filter, a 10-minute timeout, no row limit. */
    public static QueryOptions defaults() {
        return new QueryOptions(null, DEFAULT_TIMEOUT, 0, new Cancellation());
    }

    public QueryOptions withTimeRange(TimeRange range) {
        return new QueryOptions(range, timeout, maxRows, cancellation);
    }

    public QueryOptions withTimeout(Duration value) {
        return new QueryOptions(timeRange, value, maxRows, cancellation);
    }

    public QueryOptions withMaxRows(long value) {
        return new QueryOptions(timeRange, timeout, value, cancellation);
    }

    public QueryOptions withCancellation(Cancellation value) {
        return new QueryOptions(timeRange, timeout, maxRows, value);
    }
}
