package dev.hunt4j.toolkit;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.TimeRange;

/**
 * One time chunk that failed.
 *
 * @param index     0-based position of the chunk
 * @param chunks    how many chunks the query was split into
 * @param range     the chunk's time range, or null when the query had no time range
 * @param error     why it failed (message already redacted)
 * @param rowsRead  rows of this chunk returned before it failed
 */
public record ChunkFailure(int index, int chunks, TimeRange range, Hunt4jException error, long rowsRead) {

    /** E.g. {@code time chunk 3 of 7 (2024-01-03T00:00:00Z..2024-01-04T00:00:00Z) failed after 120 rows: ...}. */
    public String describe() {
        return "time chunk " + (index + 1) + " of " + chunks + (range == null ? "" : " (" + range + ")") + " failed"
                + (rowsRead > 0 ? " after " + rowsRead + " rows" : "") + ": " + error.getMessage();
    }
}
