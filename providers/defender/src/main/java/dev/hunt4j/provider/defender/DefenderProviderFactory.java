package dev.hunt4j.provider.defender;

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
 * The {@code defender} query provider: KQL advanced hunting in Microsoft Defender XDR through Microsoft Graph
 * ({@code api: graph}, the default) or the Defender for Endpoint API ({@code api: mde}). Authenticates as an Azure AD
 * app or with a pre-acquired token. Its MSTICPy data environments are {@code MDE}, {@code M365D},
 * {@code M365DGraph} and {@code MDATP}, so MSTICPy's Defender query files run on it. See the module README.
 */
@Extension
public final class DefenderProviderFactory implements QueryProviderFactory {
    static final List<String> QUERY_FILES = List.of("queries/defender_device.yaml", "queries/defender_alerts.yaml");

    @Override
    public String type() {
        return "defender";
    }

    @Override
    public String description() {
        return "Microsoft Defender XDR advanced hunting (Microsoft Graph or the Defender for Endpoint API), queried in KQL";
    }

    @Override
    public QueryLanguage language() {
        return QueryLanguages.KQL;
    }

    @Override
    public Set<String> dataEnvironments() {
        return Set.of("defender", "MDE", "M365D", "M365DGraph", "MDATP");
    }

    @Override
    public Map<String, String> knownSettings() {
        return DefenderSettings.KNOWN;
    }

    @Override
    public Set<ProviderCapability> capabilities() {
        return EnumSet.of(ProviderCapability.TIME_RANGE, ProviderCapability.ROW_LIMIT, ProviderCapability.CANCELLATION);
    }

    @Override
    public List<URL> builtinQueryFiles() {
        return QUERY_FILES.stream().map(DefenderProviderFactory.class::getResource).filter(Objects::nonNull).toList();
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
        return new DefenderProvider(DefenderSettings.from(settings));
    }
}
