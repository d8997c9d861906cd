package dev.hunt4j.provider.sentinel;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.toolkit.ChunkSettings;
import dev.hunt4j.toolkit.HttpSettings;
import dev.hunt4j.toolkit.auth.AzureAuth;
import dev.hunt4j.toolkit.auth.AzureCloud;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated settings of one Sentinel (Log Analytics) provider instance.
 *
 * @param workspaceId   the workspace queried (the request URL's)
 * @param workspaces    further workspaces queried in the same request (multi-workspace query)
 * @param workspaceName the workspace's name from msticpyconfig, for messages; may be empty
 * @param cloud         the Azure cloud (login and API endpoints)
 * @param apiUrl        the Log Analytics API base URL (the cloud's unless {@code api_url} is set)
 * @param serverTimeout the longest the service may run a query ({@code Prefer: wait}), at most 10 minutes
 * @param http          HTTP settings
 * @param chunks        time-chunking settings
 * @param raw           the settings as configured (for the credentials)
 */
record SentinelSettings(String workspaceId, List<String> workspaces, Optional<String> workspaceName, AzureCloud cloud,
                        String apiUrl, Duration serverTimeout, HttpSettings http, ChunkSettings chunks, PluginSettings raw) {
    static final Duration MAX_SERVER_TIMEOUT = Duration.ofMinutes(10);

    /** Every key a sentinel instance accepts, with its meaning. */
    static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("workspace_id", "the Log Analytics workspace id (GUID) to query (required)");
        m.put("workspaces", "more workspace ids queried together with workspace_id in one request");
        m.put("workspace_name", "the workspace's name (msticpyconfig WorkspaceName), shown in messages");
        m.put("subscription_id", "Azure subscription of the workspace (msticpyconfig SubscriptionId), informational");
        m.put("resource_group", "resource group of the workspace (msticpyconfig ResourceGroup), informational");
        m.put("api_url", "Log Analytics API base URL, overriding the cloud's (e.g. https://api.loganalytics.us)");
        m.put("server_timeout", "how long Log Analytics may run one query (Prefer: wait; default and maximum 10m)");
        m.put("description", "free text shown in provider listings");
        m.putAll(AzureAuth.KNOWN);
        m.putAll(HttpSettings.KNOWN);
        m.putAll(ChunkSettings.KNOWN);
        KNOWN = Map.copyOf(m);
    }

    /** @throws ConfigurationException naming the key path of a missing or bad setting */
    static SentinelSettings from(PluginSettings s) {
        String kp = s.keyPath();
        String ws = s.string("workspace_id").map(String::trim).filter(t -> !t.isEmpty())
                .orElseThrow(() -> new ConfigurationException("missing required setting '" + kp + ".workspace_id' (the Log "
                        + "Analytics workspace id, a GUID shown on the workspace's overview page)"));
        List<String> more = s.stringList("workspaces").stream().map(String::trim).filter(t -> !t.isEmpty() && !t.equals(ws)).toList();
        AzureCloud cloud = AzureAuth.cloud(s);
        String api = HttpSettings.baseUrl(s, "api_url", cloud.logAnalytics());
        Duration serverTimeout = s.duration("server_timeout", MAX_SERVER_TIMEOUT);
        if (serverTimeout.compareTo(Duration.ofSeconds(1)) < 0 || serverTimeout.compareTo(MAX_SERVER_TIMEOUT) > 0) {
            throw new ConfigurationException("setting '" + kp + ".server_timeout' must be between 1s and 10m (the service's "
                    + "maximum), got " + serverTimeout);
        }
        return new SentinelSettings(ws, more, s.string("workspace_name").map(String::trim).filter(t -> !t.isEmpty()), cloud,
                api, serverTimeout, HttpSettings.from(s), ChunkSettings.from(s), s);
    }

    /** The workspace as shown in messages: id, and name when known. */
    String workspaceLabel() {
        return workspaceId + workspaceName.map(n -> " (" + n + ")").orElse("");
    }
}
