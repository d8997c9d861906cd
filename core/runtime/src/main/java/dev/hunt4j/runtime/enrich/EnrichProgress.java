package dev.hunt4j.runtime.enrich;

import java.time.Duration;

/**
 * How far a batch of lookups is, reported as lookups complete (from worker threads: keep the listener quick).
 *
 * @param total     lookups in the batch (observable × provider pairs that need an answer)
 * @param done      lookups answered so far, {@code cached} included
 * @param cached    answered from the cache
 * @param failed    answered with a status other than ok
 * @param elapsed   time since the batch started
 */
public record EnrichProgress(int total, int done, int cached, int failed, Duration elapsed) {

    /** Whether every lookup is answered. */
    public boolean complete() {
        return done >= total;
    }
}
