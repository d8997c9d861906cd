package dev.hunt4j.provider.sentinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings: required keys, the msticpyconfig keys the runtime maps, validation with key paths. */
class SettingsTest {
    static PluginSettings settings(Map<String, Object> m) {
        return new PluginSettings("sentinel", "providers.sentinel", m, null);
    }

    @Test
    void knowsEveryKeyTheRuntimeMapsFromMsticpyconfig() {
        // AzureSentinel.Workspaces.<name>: WorkspaceId, TenantId, SubscriptionId, ResourceGroup, WorkspaceName
        for (String k : List.of("workspace_id", "tenant_id", "subscription_id", "resource_group", "workspace_name", "client_id",
                "client_secret", "certificate", "access_token", "cloud", "login_url", "api_url", "split_by", "max_parallel",
                "on_chunk_error", "ca_file", "proxy", "description")) {
            assertTrue(new SentinelProviderFactory().knownSettings().containsKey(k), k);
        }
    }

    @Test
    void workspaceIdIsRequired() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SentinelSettings.from(settings(Map.of())));
        assertTrue(e.getMessage().contains("providers.sentinel.workspace_id"), e.getMessage());
    }

    @Test
    void valuesAreChecked() {
        SentinelSettings s = SentinelSettings.from(settings(Map.of("workspace_id", "ws", "workspaces", List.of("ws", "ws2"),
                "server_timeout", "3m", "workspace_name", "Workspace1")));
        assertEquals(List.of("ws2"), s.workspaces());
        assertEquals(Duration.ofMinutes(3), s.serverTimeout());
        assertEquals("ws (Workspace1)", s.workspaceLabel());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SentinelSettings.from(settings(Map.of("workspace_id", "ws", "server_timeout", "1h"))));
        assertTrue(e.getMessage().contains("server_timeout"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> SentinelSettings.from(settings(Map.of("workspace_id", "ws", "api_url", "ftp://x"))));
        assertTrue(e.getMessage().contains("api_url"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> new SentinelProviderFactory().connect(settings(Map.of("workspace_id", "ws"))));
        assertTrue(e.getMessage().contains("client_secret"), e.getMessage());
    }
}
