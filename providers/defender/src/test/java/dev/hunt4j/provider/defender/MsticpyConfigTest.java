package dev.hunt4j.provider.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hunt4j.toolkit.testing.MsticpyConfigCase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MSTICPy's DataProviders.MicrosoftDefender section, read by the runtime, drives the plugin against the loopback API. */
class MsticpyConfigTest extends MsticpyConfigCase {
    @Test
    void dataProvidersMicrosoftDefenderArgsConfigureTheProvider() throws Exception {
        FakeDefender fake = new FakeDefender(server);
        assertEquals(FakeDefender.ROWS, rows(Map.of("tenant", FakeDefender.TENANT, "client", FakeDefender.CLIENT),
                Map.of("MDE_SECRET", FakeDefender.SECRET), "defender", "list_host_processes", Map.of("host_name", "wks-1")));
        assertEquals(1, fake.routes.requests(FakeDefender.GRAPH_PATH).size());
    }
}
