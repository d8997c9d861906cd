package dev.hunt4j.provider.defender;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.toolkit.ChunkSettings;
import dev.hunt4j.toolkit.HttpSettings;
import dev.hunt4j.toolkit.auth.AzureAuth;
import dev.hunt4j.toolkit.auth.AzureCloud;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The validated settings of one Defender provider instance.
 *
 * @param api        which advanced-hunting API ({@code api: graph}, the default, or {@code mde})
 * @param cloud      the Azure cloud
 * @param apiUrl     the API base URL (the cloud's unless {@code api_url} is set)
 * @param scope      the OAuth2 scope requested (unless {@code scope} is set: the API's {@code /.default})
 * @param timeColumn the column a time range filters on with {@code api: mde} ({@code time_column}, default Timestamp)
 * @param http       HTTP settings
 * @param chunks     time-chunking settings ({@code split_by} only with {@code api: graph})
 * @param raw        the settings as configured (for the credentials)
 */
record DefenderSettings(DefenderApi api, AzureCloud cloud, String apiUrl, String scope, String timeColumn, HttpSettings http,
                        ChunkSettings chunks, PluginSettings raw) {

    /** Every key a defender instance accepts, with its meaning. */
    static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api", "graph (default): Microsoft Graph security/runHuntingQuery; mde: the Defender for Endpoint API "
                + "advancedqueries/run (being retired by Microsoft)");
        m.put("api_url", "API base URL, overriding the cloud's (e.g. https://graph.microsoft.us, https://eu.api.security.microsoft.com)");
        m.put("time_column", "with api: mde, the timestamp column a time range filters on (default Timestamp)");
        m.put("description", "free text shown in provider listings");
        m.putAll(AzureAuth.KNOWN);
        m.putAll(HttpSettings.KNOWN);
        m.putAll(ChunkSettings.KNOWN);
        KNOWN = Map.copyOf(m);
    }

    /** @throws ConfigurationException naming the key path of a missing or bad setting */
    static DefenderSettings from(PluginSettings s) {
        String kp = s.keyPath();
        DefenderApi api = switch (s.string("api").orElse("graph").trim().toLowerCase(Locale.ROOT)) {
            case "graph", "m365d", "m365dgraph", "msgraph" -> DefenderApi.GRAPH;
            case "mde", "mdatp", "defender-for-endpoint", "securitycenter" -> DefenderApi.MDE;
            default -> throw new ConfigurationException("setting '" + kp + ".api' must be 'graph' or 'mde', got '"
                    + s.string("api").orElse("") + "'");
        };
        AzureCloud cloud = AzureAuth.cloud(s);
        String defaultUrl = api == DefenderApi.GRAPH ? cloud.graph() : cloud.defender();
        String url = HttpSettings.baseUrl(s, "api_url", defaultUrl);
        if (url == null) {
            throw new ConfigurationException("the Defender for Endpoint API is not offered in cloud '" + cloud.id() + "': set '"
                    + kp + ".api' to graph, or '" + kp + ".api_url'");
        }
        String scope = (api == DefenderApi.GRAPH ? (s.string("api_url").isPresent() ? url : cloud.graph())
                : cloud.defenderAudience() == null ? url : cloud.defenderAudience()) + "/.default";
        ChunkSettings chunks = ChunkSettings.from(s);
        if (api == DefenderApi.MDE && chunks.splitBy() != null) {
            throw new ConfigurationException("setting '" + kp + ".split_by' needs api: graph; the Defender for Endpoint API "
                    + "has no time range parameter to give each chunk");
        }
        String timeColumn = s.string("time_column").map(String::trim).filter(t -> !t.isEmpty()).orElse("Timestamp");
        return new DefenderSettings(api, cloud, url, scope, timeColumn, HttpSettings.from(s), chunks, s);
    }
}
