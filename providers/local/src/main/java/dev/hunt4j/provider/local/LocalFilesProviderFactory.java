package dev.hunt4j.provider.local;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.ProviderCapability;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import java.net.URL;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code local} query provider: runs queries in the {@code files} language over CSV, TSV, JSON and
 * JSON-lines files (each optionally gzip-compressed) found in the configured data folders, streaming
 * them row by row.
 *
 * <p>Settings: {@code data_paths} (folders searched in order; default the working directory),
 * {@code time_column} (default: auto-detected), {@code sample_rows} (rows used to infer column types,
 * default 1000) and {@code on_type_error} ({@code fail}, the default, or {@code null}). See the module
 * README for the query language.
 */
@Extension
public final class LocalFilesProviderFactory implements QueryProviderFactory {
    /** The bundled MSTICPy-format query library, next to this class. */
    static final String QUERY_FILE = "queries/local_queries.yaml";

    @Override
    public String type() {
        return "local";
    }

    @Override
    public String description() {
        return "Local CSV, TSV, JSON and JSON-lines files (plain or gzip), queried with a KQL-like pipe language";
    }

    @Override
    public QueryLanguage language() {
        return QueryLanguages.FILES;
    }

    @Override
    public Set<String> dataEnvironments() {
        return Set.of("local", "LocalData");
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return EnumSet.of(ProviderCapability.TIME_RANGE, ProviderCapability.ROW_LIMIT, ProviderCapability.CANCELLATION);
    }

    @Override
    public List<URL> builtinQueryFiles() {
        URL url = LocalFilesProviderFactory.class.getResource(QUERY_FILE);
        return url == null ? List.of() : List.of(url);
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.hunt4j.api.ConfigurationException when a setting is ill-typed or out of range (naming its key path)
     */
    @Override
    public QueryProvider connect(PluginSettings settings) {
        return new LocalFilesProvider(LocalSettings.from(settings));
    }
}
