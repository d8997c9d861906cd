package dev.hunt4j.toolkit;

/** What a time-chunked query does when one chunk fails (setting {@code on_chunk_error}). */
public enum ChunkPolicy {
    /** {@code fail} (the default): the query stops with an error naming the chunk's time range and the cause. */
    FAIL_FAST,
    /**
     * {@code keep}: the failed chunk is logged at WARN (range and cause) and skipped, the other chunks are returned,
     * and a WARN summary follows the last row; the failures are on {@link PartialResult#failures()}.
     */
    KEEP_PARTIAL
}
