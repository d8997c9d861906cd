package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;

/**
 * Runs KQL text on a configured query provider. The facade hands the {@code sentinel-ti} enricher one of these for the
 * provider instance its config names, so the enricher reaches Sentinel through that provider's client, credentials and
 * HTTP settings instead of a client of its own (and this package needs no dependency on the facade's classes).
 */
@FunctionalInterface
public interface KqlRunner {
    /**
     * Runs {@code kql} and returns its rows; the caller closes the stream.
     *
     * @throws dev.hunt4j.api.QueryException with the service's message when the query fails
     */
    ResultStream run(String kql, QueryOptions options);
}
