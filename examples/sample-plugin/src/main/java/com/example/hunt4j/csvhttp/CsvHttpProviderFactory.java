package com.example.hunt4j.csvhttp;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.ProviderCapability;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The plugin's entry point. {@code @Extension} makes PF4J's annotation processor list this class in
 * {@code META-INF/extensions.idx}, which is how hunt4j finds it in the plugin zip.
 */
@Extension
public class CsvHttpProviderFactory implements QueryProviderFactory {

    @Override
    public String type() {
        return "csv-http";
    }

    @Override
    public String description() {
        return "CSV tables served over HTTP (sample third-party plugin)";
    }

    @Override
    public QueryLanguage language() {
        // The query text is "<table> [| take N]", lexically like the files language.
        return QueryLanguages.FILES;
    }

    @Override
    public Set<String> dataEnvironments() {
        return Set.of("csv-http");
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return EnumSet.allOf(ProviderCapability.class);
    }

    @Override
    public Map<String, String> knownSettings() {
        return Map.of(
                "url", "base URL of the server; a query for table T reads <url>/T.csv",
                "time_column", "the timestamp column used for time ranges (default TimeGenerated)",
                "timeout", "connect timeout (default 10s)");
    }

    @Override
    public List<URL> builtinQueryFiles() {
        return List.of(getClass().getResource("queries.yaml"));
    }

    @Override
    public QueryProvider connect(PluginSettings settings) {
        URI base = URI.create(settings.requiredString("url").replaceAll("/*$", "/"));
        String timeColumn = settings.string("time_column").orElse("TimeGenerated");
        Duration timeout = settings.duration("timeout", Duration.ofSeconds(10));
        return new CsvHttpProvider(base, timeColumn, timeout);
    }
}
