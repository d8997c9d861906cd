package dev.hunt4j.provider.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.testing.QueryLibraryCheck;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled KQL library: MSTICPy format, the tables, safe rendering, sent as rendered. */
class BuiltinQueriesTest {
    static final TimeRange DAY = new TimeRange(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void coversTheAdvancedHuntingTablesAndRendersSafely() {
        Map<String, String> rendered = QueryLibraryCheck.renderAll(new DefenderProviderFactory(), DAY);
        String all = String.join("\n", rendered.values());
        for (String table : List.of("DeviceProcessEvents", "DeviceNetworkEvents", "DeviceLogonEvents", "DeviceFileEvents", "AlertInfo")) {
            assertTrue(all.contains(table), "no query over " + table);
        }
        assertTrue(rendered.get("list_host_processes").contains("Timestamp >= datetime(2024-03-01T00:00:00Z)"));
    }

    @Test
    void aNamedQueryGoesOnTheWireAsRendered() {
        FakeDefender fake = new FakeDefender(server);
        String text = QueryLibraryCheck.renderAll(new DefenderProviderFactory(), DAY).get("list_host_processes");
        try (QueryProvider p = new DefenderProviderFactory().connect(fake.settings(dir, Map.of()))) {
            p.execute(text, QueryOptions.defaults().withTimeRange(DAY)).toList();
        }
        assertEquals(text, ErrorBodies.text(FakeDefender.body(fake.routes.requests(FakeDefender.GRAPH_PATH).get(0)), "Query"));
    }
}
