package dev.hunt4j.provider.sentinel;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.ProviderCapability;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import java.net.URL;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code sentinel} query provider: KQL over a Microsoft Sentinel / Azure Monitor Log Analytics workspace through
 * the Log Analytics query API. Authenticates as an Azure AD app (client secret or certificate) or with a
 * pre-acquired token; works in the global, US Government and China clouds. Its MSTICPy data environments are
 * {@code LogAnalytics}, {@code MSSentinel} and {@code AzureSentinel}, so MSTICPy's Sentinel query files run on it.
 * See the module README for the settings.
 */
@Extension
public final class SentinelProviderFactory implements QueryProviderFactory {
    static final List<String> QUERY_FILES = List.of("queries/sentinel_windows.yaml", "queries/sentinel_linux.yaml",
            "queries/sentinel_network.yaml", "queries/sentinel_alerts_ti.yaml");

    @Override
    public String type() {
        return "sentinel";
    }

    @Override
    public String description() {
        return "Microsoft Sentinel / Azure Monitor Log Analytics workspaces, queried in KQL";
    }

    @Override
    public QueryLanguage language() {
        return QueryLanguages.KQL;
    }

    @Override
    public Set<String> dataEnvironments() {
        return Set.of("sentinel", "LogAnalytics", "MSSentinel", "AzureSentinel");
    }

    @Override
    public Map<String, String> knownSettings() {
        return SentinelSettings.KNOWN;
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return EnumSet.of(ProviderCapability.TIME_RANGE, ProviderCapability.ROW_LIMIT, ProviderCapability.CANCELLATION);
    }

    @Override
    public List<URL> builtinQueryFiles() {
        return QUERY_FILES.stream().map(SentinelProviderFactory.class::getResource).filter(Objects::nonNull).toList();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Connecting reads the settings and the certificate; the first token is fetched by the first query.
     *
     * @throws dev.hunt4j.api.ConfigurationException naming the key path of a missing or bad setting
     */
    @Override
    public QueryProvider connect(PluginSettings settings) {
        return new SentinelProvider(SentinelSettings.from(settings));
    }
}
