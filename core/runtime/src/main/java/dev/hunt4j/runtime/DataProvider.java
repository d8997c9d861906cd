package dev.hunt4j.runtime;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.runtime.query.QueryDefinition;
import dev.hunt4j.runtime.query.QueryStore;
import java.util.List;
import java.util.Map;

/** A configured, connected data provider: runs named queries from the query store, or query text. */
public final class DataProvider implements AutoCloseable {
    private final String name;
    private final QueryProviderFactory factory;
    private final QueryProvider provider;
    private final QueryStore store;

    DataProvider(String name, QueryProviderFactory factory, QueryProvider provider, QueryStore store) {
        this.name = name;
        this.factory = factory;
        this.provider = provider;
        this.store = store;
    }

    /** The instance name. */
    public String name() {
        return name;
    }

    /** The plugin type, e.g. {@code local}. */
    public String type() {
        return factory.type();
    }

    public QueryLanguage language() {
        return factory.language();
    }

    /** The queries written for this provider's data environments. */
    public List<QueryDefinition> queries() {
        return store.forEnvironments(factory.dataEnvironments());
    }

    /** The query's text with parameters rendered for this provider's language, without running it. */
    public String render(String queryName, Map<String, ?> parameters, QueryOptions options) {
        QueryDefinition q = store.get(queryName, factory.dataEnvironments());
        return q.render(parameters, factory.language(), options.timeRange());
    }

    /**
     * Runs a named query.
     *
     * @throws QueryException naming the query and parameter when a parameter is missing or wrong
     */
    public QueryResult query(String queryName, Map<String, ?> parameters, QueryOptions options) {
        QueryDefinition q = store.get(queryName, factory.dataEnvironments());
        String text = q.render(parameters, factory.language(), options.timeRange());
        return new QueryResult(q.fullName(), text, run("query " + q.fullName(), text, options));
    }

    /** Runs query text written in this provider's language. */
    public QueryResult queryText(String text, QueryOptions options) {
        return new QueryResult("query", text, run("query text", text, options));
    }

    /** Runs the text; errors say which query on which provider (the backend's message follows). */
    private dev.hunt4j.api.data.ResultStream run(String what, String text, QueryOptions options) {
        try {
            return provider.execute(text, options);
        } catch (QueryException e) {
            throw new QueryException(what + " on provider " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        provider.close();
    }
}
