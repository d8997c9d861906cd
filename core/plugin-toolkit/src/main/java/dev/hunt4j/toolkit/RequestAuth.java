package dev.hunt4j.toolkit;

import okhttp3.Request;

/** How a request is authenticated (bearer token, basic auth, ...). Implementations are thread-safe. */
public interface RequestAuth {

    /** {@code request} with its credentials added; may fetch or refresh a token first. */
    Request authorize(Request request, QueryScope scope);

    /** Which credential this is and where it comes from (setting and secret source), never its value. */
    String describe();

    /** Whether {@link #invalidate()} followed by a new {@link #authorize} may get a fresh credential. */
    default boolean refreshable() {
        return false;
    }

    /** Forgets a cached credential the service refused, so the next request fetches a new one. */
    default void invalidate() {
    }
}
