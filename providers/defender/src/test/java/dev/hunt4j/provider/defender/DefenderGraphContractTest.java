package dev.hunt4j.provider.defender;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.tck.QueryProviderContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The TCK against loopback Microsoft Graph advanced hunting. */
class DefenderGraphContractTest extends QueryProviderContract {
    static MockWebServer server;
    static FakeDefender fake;

    @BeforeAll
    static void start() throws IOException {
        server = new MockWebServer();
        server.start();
        fake = new FakeDefender(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The API under test. */
    protected String api() {
        return "graph";
    }

    @Override
    protected QueryProviderFactory factory() {
        return new DefenderProviderFactory();
    }

    @Override
    protected PluginSettings settings() {
        return fake.settings(Path.of("."), Map.of("api", api()));
    }

    @Override
    protected String queryReturningRows() {
        return "DeviceProcessEvents | project Timestamp, DeviceName, ProcessId, ProcessCommandLine";
    }

    @Override
    protected String timeColumn() {
        return "Timestamp";
    }

    @Override
    protected String invalidQuery() {
        return "DeviceProcessEvents | wher ProcessId == 4";
    }

    @Override
    protected long openResources() {
        return ((DefenderProvider) provider()).openResponses();
    }
}
