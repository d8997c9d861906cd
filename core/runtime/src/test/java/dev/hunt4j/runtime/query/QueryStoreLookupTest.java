package dev.hunt4j.runtime.query;

import dev.hunt4j.api.QueryException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryStoreLookupTest {
    private final QueryStore store = store();

    private static QueryStore store() {
        QueryStore s = TestQueries.store("kql_windows.yaml", "splunk.yaml", "sql.yaml", "elastic.yaml");
        s.addFolder(TestQueries.path("folder"));
        return s;
    }

    @Test
    void byFullName() {
        assertEquals("list_host_processes", store.get("WindowsSecurity.list_host_processes").name());
    }

    @Test
    void byAnyFamily() {
        assertSame(store.get("WindowsSecurity.list_host_processes"), store.get("Security.list_host_processes"));
    }

    @Test
    void byPlainNameWhenUnambiguous() {
        assertEquals("WindowsSecurity.list_host_processes", store.get("list_host_processes").fullName());
        assertEquals("ElasticGeneral.term_query", store.get("term_query").fullName());
    }

    @Test
    void caseInsensitiveWhenNothingMatchesExactly() {
        assertEquals("WindowsSecurity.list_host_processes", store.get("windowssecurity.LIST_HOST_PROCESSES").fullName());
        assertEquals("ElasticGeneral.term_query", store.get("Term_Query").fullName());
    }

    @Test
    void ambiguousPlainNameListsFullNames() {
        QueryException e = assertThrows(QueryException.class, () -> store.get("list_events"));
        assertEquals("query name 'list_events' is ambiguous; use one of: LinuxSyslog.list_events, SplunkGeneral.list_events, "
                + "SqlGeneral.list_events, WindowsSecurity.list_events", e.getMessage());
    }

    @Test
    void environmentsNarrowAnAmbiguousName() {
        assertEquals("SplunkGeneral.list_events", store.get("list_events", List.of("splunk")).fullName());
        QueryException e = assertThrows(QueryException.class, () -> store.get("list_events", List.of("LogAnalytics")));
        assertTrue(e.getMessage().contains("LinuxSyslog.list_events, WindowsSecurity.list_events"), e.getMessage());
    }

    @Test
    void unknownNameSuggestsCloseNames() {
        QueryException e = assertThrows(QueryException.class, () -> store.get("list_host_proceses"));
        assertEquals("unknown query 'list_host_proceses'; did you mean: WindowsSecurity.list_host_processes?", e.getMessage());

        e = assertThrows(QueryException.class, () -> store.get("host"));
        assertTrue(e.getMessage().startsWith("unknown query 'host'; did you mean: "), e.getMessage());
        assertTrue(e.getMessage().contains("WindowsSecurity.list_host_logons"), e.getMessage());
        assertTrue(e.getMessage().contains("SplunkGeneral.events_for_host"), e.getMessage());

        e = assertThrows(QueryException.class, () -> store.get("zzzzzz"));
        assertEquals("unknown query 'zzzzzz'", e.getMessage());
    }

    @Test
    void unknownInEnvironmentsSaysSo() {
        QueryException e = assertThrows(QueryException.class, () -> store.get("term_query", List.of("Splunk")));
        assertTrue(e.getMessage().startsWith("unknown query 'term_query' for data environments Splunk"), e.getMessage());
        e = assertThrows(QueryException.class, () -> store.get("term_query", List.of("Nowhere")));
        assertEquals("unknown query 'term_query' for data environments Nowhere; no queries are loaded for them", e.getMessage());
    }

    @Test
    void forEnvironmentsIsCaseInsensitiveAndSorted() {
        List<String> names = store.forEnvironments(List.of("SPLUNK", "elastic")).stream().map(QueryDefinition::fullName).toList();
        assertEquals(List.of("ElasticGeneral.term_query", "SplunkGeneral.events_for_host", "SplunkGeneral.list_events"), names);
        assertEquals(10, store.forEnvironments(List.of("loganalytics")).size());
        assertEquals(7, store.forEnvironments(List.of("MSSentinel")).size());
        assertTrue(store.forEnvironments(List.of()).isEmpty());
        assertEquals(store.all(), store.forEnvironments(null));
    }

    @Test
    void allIsSortedByFullName() {
        List<String> names = store.all().stream().map(QueryDefinition::fullName).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(14, names.size());
    }
}
