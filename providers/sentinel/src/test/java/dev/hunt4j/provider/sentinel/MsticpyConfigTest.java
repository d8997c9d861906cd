package dev.hunt4j.provider.sentinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import dev.hunt4j.toolkit.ErrorBodies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MSTICPy config, read by the runtime, drives the plugin (found on the classpath) against the loopback service. */
class MsticpyConfigTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void azureSentinelWorkspacesBecomeSentinelProviders() throws Exception {
        FakeLogAnalytics fake = new FakeLogAnalytics(server);
        Path config = dir.resolve("msticpyconfig.yaml");
        Files.writeString(config, "AzureSentinel:\n  Workspaces:\n    Default:\n"
                + "      WorkspaceId: \"" + FakeLogAnalytics.WORKSPACE + "\"\n"
                + "      TenantId: \"" + FakeLogAnalytics.TENANT + "\"\n"
                + "      SubscriptionId: \"cd928da3-dcde-42a3-aad7-d2a1268c2f48\"\n"
                + "      ResourceGroup: ABC\n"
                + "      WorkspaceName: Workspace1\n"
                + "      ClientId: \"" + FakeLogAnalytics.CLIENT + "\"\n"
                + "      ClientSecret:\n        EnvironmentVar: LA_SECRET\n"
                + "      LoginUrl: \"" + server.url("/") + "\"\n"
                + "      ApiUrl: \"" + server.url("/") + "\"\n");
        Map<String, String> env = Map.of("LA_SECRET", FakeLogAnalytics.SECRET);
        try (Hunt4j h = Hunt4j.builder().config(config).environment(env::get).build();
             QueryResult r = h.provider("sentinel").query("list_host_logons", Map.of("host_name", "host-1"), QueryOptions.defaults())) {
            assertEquals(FakeLogAnalytics.ROWS, r.toTable().rowCount());
        }
        String sent = ErrorBodies.text(FakeLogAnalytics.body(fake.routes.requests("/v1/").get(0)), "query");
        assertTrue(sent.startsWith("SecurityEvent") && sent.contains("Computer has \"host-1\""), sent);
    }
}
