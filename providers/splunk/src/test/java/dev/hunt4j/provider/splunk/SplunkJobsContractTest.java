package dev.hunt4j.provider.splunk;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.tck.QueryProviderContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The TCK against the loopback Splunk, search-job mode (small pages, so paging is part of every check). */
class SplunkJobsContractTest extends QueryProviderContract {
    static MockWebServer server;
    static FakeSplunk fake;

    @BeforeAll
    static void start() throws IOException {
        server = new MockWebServer();
        server.start();
        fake = new FakeSplunk(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Extra settings of the mode under test. */
    protected Map<String, Object> mode() {
        return Map.of("mode", "jobs", "page_size", 20);
    }

    @Override
    protected QueryProviderFactory factory() {
        return new SplunkProviderFactory();
    }

    @Override
    protected PluginSettings settings() {
        return fake.settings(Path.of("."), mode());
    }

    @Override
    protected String queryReturningRows() {
        return "index=main sourcetype=WinEventLog | table _time, host, EventCode, Process_Command_Line";
    }

    @Override
    protected String timeColumn() {
        return "_time";
    }

    @Override
    protected String invalidQuery() {
        return "index=main | wher EventCode=4688";
    }

    @Override
    protected long openResources() {
        return ((SplunkProvider) provider()).openResponses();
    }
}
