package dev.hunt4j.provider.sentinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.testing.MsticpyConfigCase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An MSTICPy config, read by the runtime, drives the plugin (found on the classpath) against the loopback service. */
class MsticpyConfigTest extends MsticpyConfigCase {
    @Test
    void azureSentinelWorkspacesBecomeSentinelProviders() throws Exception {
        FakeLogAnalytics fake = new FakeLogAnalytics(server);
        Map<String, String> values = Map.of("workspace", FakeLogAnalytics.WORKSPACE, "tenant", FakeLogAnalytics.TENANT,
                "client", FakeLogAnalytics.CLIENT);
        int rows = rows(values, Map.of("LA_SECRET", FakeLogAnalytics.SECRET), "sentinel", "list_host_logons", Map.of("host_name", "host-1"));
        assertEquals(FakeLogAnalytics.ROWS, rows);
        String sent = ErrorBodies.text(FakeLogAnalytics.body(fake.routes.requests("/v1/").get(0)), "query");
        assertTrue(sent.startsWith("SecurityEvent") && sent.contains("Computer has \"host-1\""), sent);
    }
}
