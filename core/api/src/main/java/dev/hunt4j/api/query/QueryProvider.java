package dev.hunt4j.api.query;

/** A connected data backend. Implementations must allow {@link #execute} from several threads. */
public interface QueryProvider extends AutoCloseable {

    /**
     * Runs a query text (already rendered: parameters substituted) and streams its result.
     *
     * @throws dev.hunt4j.api.QueryException when the query is invalid or fails; carries the backend's message
     */
    dev.hunt4j.api.data.ResultStream execute(String query, QueryOptions options);

    /** Releases connections and threads; idempotent. */
    @Override
    default void close() {
    }
}
