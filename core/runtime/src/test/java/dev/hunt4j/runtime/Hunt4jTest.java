package dev.hunt4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facade over a provider found on the classpath (embedded mode). */
class Hunt4jTest {

    @Test
    void namedQueryIsRenderedEscapedAndRunThroughTheProvider() {
        try (Hunt4j h = Hunt4j.builder().build()) {
            DataProvider p = h.provider("embedded-test");
            assertSame(p, h.provider("embedded-test"), "connected once");
            try (QueryResult r = p.query("echo_host", Map.of("host_name", "WKS\"01"), QueryOptions.defaults())) {
                assertEquals("Echo.echo_host", r.name());
                Table t = r.toTable();
                assertEquals(1, t.rowCount());
                assertEquals("events | where Computer == \"WKS\\\"01\"", t.stringColumn("query").get(0));
            }
        }
    }

    @Test
    void configuredInstanceGetsItsSettings() {
        try (Hunt4j h = Hunt4j.builder().provider("echo", "embedded-test", Map.of("greeting", "hi: ")).build()) {
            try (QueryResult r = h.provider("echo").queryText("x", QueryOptions.defaults())) {
                assertEquals("hi: x", r.stream().next()[0]);
            }
        }
    }

    @Test
    void unknownSettingIsRejectedWithItsKeyPath() {
        try (Hunt4j h = Hunt4j.builder().provider("echo", "embedded-test", Map.of("greting", "hi")).build()) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> h.provider("echo"));
            assertTrue(e.getMessage().contains("providers.echo.greting") && e.getMessage().contains("greeting"), e.getMessage());
        }
    }

    @Test
    void unknownProviderSuggestsCloseNames() {
        try (Hunt4j h = Hunt4j.builder().build()) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> h.provider("embeded-test"));
            assertTrue(e.getMessage().contains("did you mean embedded-test"), e.getMessage());
        }
    }

    @Test
    void missingParameterNamesQueryAndParameter() {
        try (Hunt4j h = Hunt4j.builder().build()) {
            QueryException e = assertThrows(QueryException.class,
                    () -> h.provider("embedded-test").query("echo_host", Map.of(), QueryOptions.defaults()));
            assertTrue(e.getMessage().contains("Echo.echo_host") && e.getMessage().contains("host_name"), e.getMessage());
        }
    }

    @Test
    void builtInQueriesOfClasspathPluginsAreInTheStore() {
        try (Hunt4j h = Hunt4j.builder().build()) {
            assertEquals("Echo.echo_host", h.queries().get("echo_host").fullName());
            assertEquals(1, h.provider("embedded-test").queries().size());
        }
    }
}
