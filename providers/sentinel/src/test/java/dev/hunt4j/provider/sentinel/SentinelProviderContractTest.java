package dev.hunt4j.provider.sentinel;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.tck.QueryProviderContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The TCK against the loopback Log Analytics (72 events over three days). */
class SentinelProviderContractTest extends QueryProviderContract {
    static MockWebServer server;
    static FakeLogAnalytics fake;

    @BeforeAll
    static void start() throws IOException {
        server = new MockWebServer();
        server.start();
        fake = new FakeLogAnalytics(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected QueryProviderFactory factory() {
        return new SentinelProviderFactory();
    }

    @Override
    protected PluginSettings settings() {
        return fake.settings(Path.of("."), Map.of());
    }

    @Override
    protected String queryReturningRows() {
        return "Events | project TimeGenerated, Computer, EventID, CommandLine";
    }

    @Override
    protected String timeColumn() {
        return "TimeGenerated";
    }

    @Override
    protected String invalidQuery() {
        return "Events | wher EventID == 4688";
    }

    @Override
    protected long openResources() {
        return ((SentinelProvider) provider()).openResponses();
    }
}
