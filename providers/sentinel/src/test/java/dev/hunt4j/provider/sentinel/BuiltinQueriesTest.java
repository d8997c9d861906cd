package dev.hunt4j.provider.sentinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.runtime.query.QueryDefinition;
import dev.hunt4j.runtime.query.QueryStore;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.testing.QueryLibraryCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled KQL library: MSTICPy format, every query renders safely, and a rendered query is sent as it is. */
class BuiltinQueriesTest {
    static final TimeRange DAY = new TimeRange(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void theLibraryCoversTheIssueFamiliesAndRendersSafely() {
        Map<String, String> rendered = QueryLibraryCheck.renderAll(new SentinelProviderFactory(), DAY);
        for (String q : List.of("list_host_processes", "list_host_logons", "list_logon_failures", "list_syslog",
                "list_linux_logon_failures", "list_connections_for_ip", "list_dns_queries", "list_alerts", "get_alert",
                "list_indicators", "list_indicators_by_ip", "list_indicators_by_hash")) {
            assertTrue(rendered.containsKey(q), "missing " + q + " in " + rendered.keySet());
        }
        Set<String> families = QueryLibraryCheck.load(new SentinelProviderFactory()).all().stream().map(QueryDefinition::family)
                .collect(Collectors.toSet());
        assertTrue(families.containsAll(Set.of("WindowsSecurity", "LinuxSyslog", "Network", "SecurityAlert", "ThreatIntelligence")),
                families.toString());
        assertTrue(rendered.get("list_host_processes").contains("TimeGenerated >= datetime(2024-03-01T00:00:00Z)"),
                rendered.get("list_host_processes"));
        assertTrue(rendered.get("list_indicators_by_ip").contains("NetworkIP in (\"one\", \"two\")"), rendered.get("list_indicators_by_ip"));
    }

    @Test
    void aNamedQueryGoesOnTheWireAsRendered() {
        FakeLogAnalytics fake = new FakeLogAnalytics(server);
        QueryStore store = QueryLibraryCheck.load(new SentinelProviderFactory());
        String text = store.get("list_host_logons", new SentinelProviderFactory().dataEnvironments())
                .render(Map.of("host_name", "WKS-07"), new SentinelProviderFactory().language(), DAY);
        try (QueryProvider p = new SentinelProviderFactory().connect(fake.settings(dir, Map.of()))) {
            p.execute(text, QueryOptions.defaults().withTimeRange(DAY).withTimeout(Duration.ofSeconds(30))).toList();
        }
        Object body = FakeLogAnalytics.body(fake.routes.requests("/v1/").get(0));
        assertEquals(text, ErrorBodies.text(body, "query"));
        assertTrue(text.contains("Computer has \"WKS-07\""), text);
    }
}
