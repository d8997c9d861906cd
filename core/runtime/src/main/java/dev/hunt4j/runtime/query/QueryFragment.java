package dev.hunt4j.runtime.query;

import java.util.Objects;

/**
 * A parameter value that is trusted query text, inserted into the query as it is (without escaping), for
 * parameters such as MSTICPy's {@code add_query_items} that take query clauses.
 *
 * <p>This is an explicit opt-in: only wrap text that comes from the person writing the query, never data
 * from events, files or other systems.
 *
 * @param text the query text to insert
 */
public record QueryFragment(String text) {
    public QueryFragment {
        Objects.requireNonNull(text, "text");
    }
}
