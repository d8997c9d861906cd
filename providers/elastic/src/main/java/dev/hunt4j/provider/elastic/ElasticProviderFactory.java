package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.ProviderCapability;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.toolkit.Redactor;
import java.net.URL;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code elastic} query provider: Elasticsearch (7.12+, 8.x, 9.x) and OpenSearch (2.4+). Query texts are JSON
 * query DSL objects, {@code lucene:} query strings, {@code esql:} or {@code sql:} statements (see the module README);
 * parameter values are rendered as JSON ({@link QueryLanguages#JSON}), so they stay values. Results are paged with a
 * point in time and {@code search_after} and streamed row by row, with nested objects flattened to dotted columns.
 *
 * <p>Settings: {@code hosts}, credentials ({@code username}/{@code password}, {@code api_key}, {@code bearer_token}),
 * TLS ({@code ca_file}, {@code ca_fingerprint}, {@code verify}), {@code time_field}, {@code default_index},
 * {@code page_size} and the toolkit's HTTP settings; {@link #knownSettings()} lists them all.
 */
@Extension
public final class ElasticProviderFactory implements QueryProviderFactory {
    /** The bundled MSTICPy-format query library, next to this class. */
    static final String QUERY_FILE = "queries/elastic_queries.yaml";

    @Override
    public String type() {
        return "elastic";
    }

    @Override
    public String description() {
        return "Elasticsearch and OpenSearch: query DSL, Lucene query strings, ES|QL and SQL, paged with point in time";
    }

    @Override
    public QueryLanguage language() {
        return QueryLanguages.JSON;
    }

    @Override
    public Set<String> dataEnvironments() {
        return Set.of("elastic", "Elastic", "Elasticsearch", "OpenSearch");
    }

    @Override
    public Map<String, String> knownSettings() {
        return ElasticSettings.KNOWN;
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return EnumSet.of(ProviderCapability.TIME_RANGE, ProviderCapability.ROW_LIMIT, ProviderCapability.CANCELLATION);
    }

    @Override
    public List<URL> builtinQueryFiles() {
        URL url = ElasticProviderFactory.class.getResource(QUERY_FILE);
        return url == null ? List.of() : List.of(url);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Checks the settings only; the cluster is first contacted by the first query, so listing queries works offline.
     *
     * @throws dev.hunt4j.api.ConfigurationException when a setting is missing or wrong (naming its key path)
     */
    @Override
    public QueryProvider connect(PluginSettings settings) {
        return new ElasticProvider(ElasticSettings.from(settings), Redactor.of(settings));
    }
}
