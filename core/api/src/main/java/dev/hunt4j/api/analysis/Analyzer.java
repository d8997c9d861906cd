package dev.hunt4j.api.analysis;

import dev.hunt4j.api.data.ResultStream;

/** A configured analysis: reads one table, produces one. */
public interface Analyzer {

    /**
     * Analyzes {@code input} (the analyzer closes it) and returns the result table.
     *
     * @throws dev.hunt4j.api.QueryException when a required column is missing (named in the message)
     */
    ResultStream analyze(ResultStream input);
}
