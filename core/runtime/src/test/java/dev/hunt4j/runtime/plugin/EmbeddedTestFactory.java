package dev.hunt4j.runtime.plugin;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import java.util.List;

/** A provider on the test classpath, indexed by PF4J's annotation processor: stands for an embedded plugin jar. */
@org.pf4j.Extension
public class EmbeddedTestFactory implements QueryProviderFactory {
    @Override
    public String type() {
        return "embedded-test";
    }

    @Override
    public String description() {
        return "provider found on the application classpath";
    }

    @Override
    public QueryLanguage language() {
        return QueryLanguages.FILES;
    }

    @Override
    public java.util.List<java.net.URL> builtinQueryFiles() {
        return List.of(getClass().getResource("/embedded-queries.yaml"));
    }

    @Override
    public java.util.Map<String, String> knownSettings() {
        return java.util.Map.of("greeting", "text put in front of every echoed query");
    }

    /** Echoes the rendered query text back as one row, so tests can see what reached the provider. */
    @Override
    public QueryProvider connect(PluginSettings settings) {
        String greeting = settings.string("greeting").orElse("");
        return (query, options) -> ResultStream.of(
                List.of(new dev.hunt4j.api.data.Column("query", dev.hunt4j.api.data.ColumnType.STRING)),
                List.<Object[]>of(new Object[] {greeting + query}));
    }
}
