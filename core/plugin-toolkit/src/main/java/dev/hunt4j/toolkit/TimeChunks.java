package dev.hunt4j.toolkit;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Splits a time range into consecutive half-open chunks. */
public final class TimeChunks {
    /** More chunks than this is surely a mistake in {@code split_by}. */
    public static final int MAX_CHUNKS = 10_000;

    private TimeChunks() {
    }

    /**
     * {@code range} cut into pieces of {@code size} (the last may be shorter), oldest first; the whole range when
     * {@code size} is null or zero or not shorter than the range.
     *
     * @throws ConfigurationException when that makes more than {@link #MAX_CHUNKS} chunks
     */
    public static List<TimeRange> split(TimeRange range, Duration size) {
        if (size == null || size.isZero() || size.isNegative() || range.length().compareTo(size) <= 0) {
            return List.of(range);
        }
        long n = (range.length().toNanos() + size.toNanos() - 1) / size.toNanos();
        if (n > MAX_CHUNKS) {
            throw new ConfigurationException("split_by " + Texts.duration(size) + " cuts " + range + " into " + n
                    + " chunks; the most is " + MAX_CHUNKS + ": use a longer split_by");
        }
        List<TimeRange> out = new ArrayList<>((int) n);
        Instant start = range.start();
        while (start.isBefore(range.end())) {
            Instant end = start.plus(size);
            if (end.isAfter(range.end())) {
                end = range.end();
            }
            out.add(new TimeRange(start, end));
            start = end;
        }
        return out;
    }
}
