package dev.hunt4j.provider.splunk;

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
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code splunk} query provider: SPL searches through Splunk's REST API, as search jobs read page by page (every
 * result, not Splunk's default first 100) or as an export stream. Token or basic authentication; TLS verified by
 * default. MSTICPy's {@code Splunk} data environment, so its Splunk query files run on it. See the module README.
 */
@Extension
public final class SplunkProviderFactory implements QueryProviderFactory {
    static final List<String> QUERY_FILES = List.of("queries/splunk_queries.yaml");

    @Override
    public String type() {
        return "splunk";
    }

    @Override
    public String description() {
        return "Splunk Enterprise / Splunk Cloud searches in SPL through the REST API";
    }

    @Override
    public QueryLanguage language() {
        return QueryLanguages.SPL;
    }

    @Override
    public Set<String> dataEnvironments() {
        return Set.of("splunk");
    }

    @Override
    public Map<String, String> knownSettings() {
        return SplunkSettings.KNOWN;
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return EnumSet.of(ProviderCapability.TIME_RANGE, ProviderCapability.ROW_LIMIT, ProviderCapability.CANCELLATION);
    }

    @Override
    public List<URL> builtinQueryFiles() {
        return QUERY_FILES.stream().map(SplunkProviderFactory.class::getResource).filter(Objects::nonNull).toList();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Connecting checks the settings only; the first query contacts Splunk.
     *
     * @throws dev.hunt4j.api.ConfigurationException naming the key path of a missing or bad setting
     */
    @Override
    public QueryProvider connect(PluginSettings settings) {
        return new SplunkProvider(SplunkSettings.from(settings), Redactor.of(settings));
    }
}
