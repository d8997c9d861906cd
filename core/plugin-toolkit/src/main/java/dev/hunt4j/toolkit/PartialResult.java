package dev.hunt4j.toolkit;

import java.util.List;

/**
 * A result that may have left out failed time chunks ({@code on_chunk_error: keep}). Result streams from the
 * toolkit's chunked queries implement it; code that sees the plugin's classes (embedding on the classpath) can
 * check it. Callers that only see the API get the same failures as text from
 * {@link dev.hunt4j.api.data.ResultStream#warnings()}, and every failure is also logged at WARN.
 */
public interface PartialResult {

    /** The chunks that failed so far, in the order they were met. */
    List<ChunkFailure> failures();

    /** Whether any chunk failed. */
    default boolean isPartial() {
        return !failures().isEmpty();
    }

    /** Rows returned so far. */
    long rowsReturned();
}
