package dev.hunt4j.provider.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MSTICPy's DataProviders.MicrosoftDefender section, read by the runtime, drives the plugin against the loopback API. */
class MsticpyConfigTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void dataProvidersMicrosoftDefenderArgsConfigureTheProvider() throws Exception {
        FakeDefender fake = new FakeDefender(server);
        Path config = dir.resolve("msticpyconfig.yaml");
        Files.writeString(config, "DataProviders:\n  MicrosoftDefender:\n    Args:\n"
                + "      TenantId: " + FakeDefender.TENANT + "\n"
                + "      ClientId: " + FakeDefender.CLIENT + "\n"
                + "      ClientSecret:\n        EnvironmentVar: MDE_SECRET\n"
                + "      Cloud: global\n"
                + "      LoginUrl: \"" + server.url("/") + "\"\n"
                + "      ApiUrl: \"" + server.url("/") + "\"\n");
        Map<String, String> env = Map.of("MDE_SECRET", FakeDefender.SECRET);
        try (Hunt4j h = Hunt4j.builder().config(config).environment(env::get).build();
             QueryResult r = h.provider("defender").query("list_host_processes", Map.of("host_name", "wks-1"), QueryOptions.defaults())) {
            assertEquals(FakeDefender.ROWS, r.toTable().rowCount());
        }
        assertEquals(1, fake.routes.requests(FakeDefender.GRAPH_PATH).size());
    }
}
