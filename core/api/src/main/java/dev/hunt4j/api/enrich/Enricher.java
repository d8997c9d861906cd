package dev.hunt4j.api.enrich;

import dev.hunt4j.api.IocType;

/**
 * A configured threat-intelligence lookup. The host handles caching, rate limits and concurrency; an
 * implementation answers one observable at a time and must be safe to call from several threads.
 */
public interface Enricher extends AutoCloseable {

    /**
     * Looks up one observable, already validated and refanged by the host. Failures the service reports
     * (not found, refused, throttled) come back as a result with that {@link LookupStatus}, not as exceptions.
     */
    TiResult lookup(String observable, IocType type);

    @Override
    default void close() {
    }
}
