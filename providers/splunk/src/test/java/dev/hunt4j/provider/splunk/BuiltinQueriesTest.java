package dev.hunt4j.provider.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.testing.Forms;
import dev.hunt4j.toolkit.testing.QueryLibraryCheck;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled SPL library: MSTICPy format, safe rendering, no embedded time bounds, sent as rendered. */
class BuiltinQueriesTest {
    static final TimeRange DAY = new TimeRange(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void rendersSafelyAndLeavesTheTimeRangeToTheApi() {
        Map<String, String> rendered = QueryLibraryCheck.renderAll(new SplunkProviderFactory(), DAY);
        assertTrue(rendered.size() >= 10, rendered.keySet().toString());
        for (Map.Entry<String, String> e : rendered.entrySet()) {
            // earliest=/latest= in the text would override earliest_time and break time chunks
            assertTrue(!e.getValue().contains("earliest=") && !e.getValue().contains("latest="), e.getKey());
        }
        assertTrue(rendered.get("list_host_processes").contains("host=\"WORKSTATION1\""), rendered.get("list_host_processes"));
    }

    @Test
    void aNamedQueryGoesOnTheWireAsRendered() {
        FakeSplunk fake = new FakeSplunk(server);
        String text = QueryLibraryCheck.renderAll(new SplunkProviderFactory(), DAY).get("list_host_logons");
        try (QueryProvider p = new SplunkProviderFactory().connect(fake.settings(dir, Map.of()))) {
            p.execute(text, QueryOptions.defaults().withTimeRange(DAY)).toList();
        }
        Map<String, String> form = Forms.parse(fake.routes.requests("/services/search/jobs").get(0));
        assertEquals(text.strip(), form.get("search"));
        assertEquals("1709251200.000", form.get("earliest_time"));
        assertEquals("1709337600.000", form.get("latest_time"));
    }
}
