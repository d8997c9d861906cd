package dev.hunt4j.runtime.query;

import dev.hunt4j.api.QueryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryStoreLoadingTest {

    @Test
    void loadsEveryQueryOfAFile() {
        QueryStore store = TestQueries.store("kql_windows.yaml");
        assertEquals(List.of("Typed.typed_params", "WindowsSecurity.braces", "WindowsSecurity.list_host_logons",
                        "WindowsSecurity.list_host_processes", "WindowsSecurity.macro_override", "WindowsSecurity.raw_prefix",
                        "WindowsSecurity.with_macros"),
                store.all().stream().map(QueryDefinition::fullName).toList());
        assertTrue(store.loadErrors().isEmpty());
        assertTrue(store.warnings().isEmpty(), store.warnings().toString());
    }

    @Test
    void definitionCarriesNameFamiliesEnvironmentsOriginAndLine() {
        QueryStore store = TestQueries.store("kql_windows.yaml");
        QueryDefinition q = store.get("WindowsSecurity.list_host_processes");
        assertEquals("list_host_processes", q.name());
        assertEquals("WindowsSecurity", q.family());
        assertEquals(List.of("WindowsSecurity", "Security"), q.families());
        assertEquals(List.of("LogAnalytics", "MSSentinel"), q.dataEnvironments());
        assertEquals("Processes started on a host", q.description());
        assertEquals(TestQueries.path("kql_windows.yaml").toString(), q.origin());
        assertEquals(44, q.line());
        assertNull(q.uri());
    }

    @Test
    void anchorsAreResolved() {
        QueryStore store = TestQueries.store("kql_windows.yaml");
        String processes = store.get("list_host_processes").template();
        assertTrue(processes.startsWith("{table}\n| where TimeGenerated >= datetime({start})"), processes);
        assertEquals(processes, store.get("list_host_logons").template());
    }

    @Test
    void sourceParametersOverrideDefaults() {
        QueryStore store = TestQueries.store("kql_windows.yaml");
        QueryParameter processesTable = store.get("list_host_processes").parameter("table").orElseThrow();
        QueryParameter logonsTable = store.get("list_host_logons").parameter("table").orElseThrow();
        assertEquals("SecurityEvent", processesTable.defaultValue());
        assertEquals("SigninEvents", logonsTable.defaultValue());
        assertEquals("Logon table", logonsTable.description());
        // parameters from defaults come first, in file order, then the query's own
        assertEquals(List.of("table", "start", "end", "host_op", "add_query_items", "host_name"),
                store.get("list_host_processes").parameters().stream().map(QueryParameter::name).toList());
    }

    @Test
    void parametersHaveTypesDefaultsAndAliases() {
        QueryDefinition q = TestQueries.store("kql_windows.yaml").get("typed_params");
        Map<String, QueryParameter> p = new java.util.HashMap<>();
        q.parameters().forEach(x -> p.put(x.name(), x));
        assertEquals("int", p.get("limit").type());
        assertEquals(10L, p.get("limit").defaultValue());
        assertEquals(0.5, p.get("ratio").defaultValue());
        assertEquals(Boolean.TRUE, p.get("flag").defaultValue());
        assertEquals(List.of("alpha", "beta"), p.get("hosts").defaultValue());
        assertEquals(-7L, p.get("start").defaultValue());
        assertFalse(p.get("start").required());

        QueryDefinition processes = TestQueries.store("kql_windows.yaml").get("list_host_processes");
        QueryParameter host = processes.parameter("host_name").orElseThrow();
        assertTrue(host.required());
        assertEquals(List.of("host", "computer"), host.aliases());
        assertEquals(host, processes.parameter("computer").orElseThrow());
        // a single alias written as a string is a list of one
        assertEquals(List.of("host"), TestQueries.store("kql_windows.yaml").get("list_host_logons")
                .parameter("host_name").orElseThrow().aliases());
    }

    @Test
    void metadataMergesFileDefaultsAndSource() {
        QueryStore store = TestQueries.store("kql_windows.yaml");
        Map<String, Object> md = store.get("list_host_logons").metadata();
        assertEquals("security_event", md.get("data_source"));
        assertEquals(Map.of("short_name", "default_pivot", "direct_func_entities", List.of("Host")), md.get("pivot"));
        assertEquals(List.of("windows", "process"), md.get("tags"));
        assertEquals(1L, md.get("version"));
        assertThrows(UnsupportedOperationException.class, () -> md.put("x", "y"));
        // a source's data_families replace the file's
        assertEquals(List.of("Typed"), store.get("typed_params").families());
    }

    @Test
    void macrosExpandFromDefaultsAndSourceWithSourceWinning() {
        QueryStore store = TestQueries.store("kql_windows.yaml");
        assertEquals("{table}\n| where EventID == 4688\n| where Account == \"{account}\"\n\n| take 10".replace("\n\n", "\n"),
                store.get("with_macros").template());
        assertEquals("{table} | where EventID == 4624", store.get("macro_override").template());
        // a parameter placeholder brought in by a macro is a real parameter
        assertTrue(store.get("with_macros").parameter("account").orElseThrow().required());
    }

    @Test
    void dataEnvironmentsMayBeAString() {
        QueryDefinition q = TestQueries.store("splunk.yaml").get("events_for_host");
        assertEquals(List.of("Splunk"), q.dataEnvironments());
    }

    @Test
    void mergeKeysWork() {
        QueryDefinition q = TestQueries.store("merge_keys.yaml").get("merged");
        QueryParameter user = q.parameter("user").orElseThrow();
        assertEquals("str", user.type());
        assertEquals("Name of the user", user.description());
        assertEquals("nobody", user.defaultValue());
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        Path file = TestQueries.path("folder/broken_malformed.yaml");
        QueryException e = assertThrows(QueryException.class, () -> new QueryStore().addFile(file));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertEquals(file + ":8: malformed YAML: expected ',' or ']', but got : (while parsing a flow sequence started on line 7)",
                e.getMessage());
    }

    @Test
    void missingSourcesIsAnError() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("folder/missing_sources.yaml")));
        assertTrue(e.getMessage().contains("missing_sources.yaml: no 'sources' section"), e.getMessage());
    }

    @Test
    void missingMetadataIsAnError() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("invalid/missing_metadata.yaml")));
        assertTrue(e.getMessage().contains("missing_metadata.yaml: no 'metadata' section"), e.getMessage());
    }

    @Test
    void missingDataFamiliesIsAnError() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("invalid/no_families.yaml")));
        assertTrue(e.getMessage().contains("no_families.yaml:2: metadata has no data_families"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "reported once, not once per query: " + e.getMessage());
    }

    @Test
    void unknownParameterTypeNamesFileLineAndSuggestsTheRightOne() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("folder/bad_type.yaml")));
        assertTrue(e.getMessage().contains("bad_type.yaml:14: parameter 'p' (query 'bad_type') has unknown type 'string'; did you mean 'str'?"),
                e.getMessage());
    }

    @Test
    void parameterWithoutTypeIsAnError() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("invalid/missing_type.yaml")));
        assertTrue(e.getMessage().contains("missing_type.yaml:12: parameter 'p' of query 'no_type' has no type"), e.getMessage());
    }

    @Test
    void placeholderWithoutParameterIsAnError() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("invalid/undefined_placeholder.yaml")));
        assertTrue(e.getMessage().contains("undefined_placeholder.yaml:10: query 'undefined' uses {hostname} but defines no parameter 'hostname'; did you mean: host_name?"),
                e.getMessage());
    }

    @Test
    void sourceWithoutQueryTextIsAnError() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("invalid/no_query.yaml")));
        assertTrue(e.getMessage().contains("no_query.yaml:10: query 'no_query' has no args.query text"), e.getMessage());
    }

    @Test
    void pythonFormatSpecsAreRejected() {
        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addFile(TestQueries.path("invalid/format_spec.yaml")));
        assertTrue(e.getMessage().contains("format_spec.yaml:10: query 'spec': placeholder '{n:04d}'"), e.getMessage());
    }

    @Test
    void schemaOnlyProblemsAreWarningsAndTheFileLoads() {
        QueryStore store = TestQueries.store("invalid/warnings.yaml");
        QueryDefinition q = store.get("warned");
        assertTrue(q.parameter("q").orElseThrow().required(), "an empty default counts as no default");
        List<String> w = store.warnings();
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).endsWith("warnings.yaml:2: metadata version should be a whole number, got '1' (text)"), w.get(0));
        assertTrue(w.stream().anyMatch(x -> x.endsWith("warnings.yaml:13: description of parameter 'p' (query 'warned') should be 5 to 1024 characters long, it has 1")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.endsWith("warnings.yaml:18: parameter 'q' (query 'warned') has an empty default; it is treated as required")), w.toString());
    }

    @Test
    void folderLoadsGoodFilesRecursivelyAndCollectsErrors() {
        QueryStore store = new QueryStore();
        store.addFolder(TestQueries.path("folder"));
        assertEquals(List.of("LinuxSyslog.list_events", "LinuxSyslog.syslog_by_facility", "WindowsSecurity.list_events"),
                store.all().stream().map(QueryDefinition::fullName).toList());
        List<String> errors = store.loadErrors();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("bad_type.yaml:14:"), errors.get(0));
        assertTrue(errors.get(1).contains("broken_malformed.yaml:"), errors.get(1));
        assertTrue(errors.get(2).contains("missing_sources.yaml:"), errors.get(2));
    }

    @Test
    void missingFolderOrFileIsAnError() {
        Path nowhere = Path.of("does-not-exist-" + System.nanoTime());
        assertThrows(QueryException.class, () -> new QueryStore().addFolder(nowhere));
        QueryException e = assertThrows(QueryException.class, () -> new QueryStore().addFile(nowhere.resolve("q.yaml")));
        assertTrue(e.getMessage().contains("q.yaml"), e.getMessage());
    }

    @Test
    void urlOriginNamesThePluginAndFile() {
        QueryStore store = new QueryStore();
        store.addUrl(TestQueries.url("splunk.yaml"), "plugin hunt4j-provider-splunk");
        assertEquals("plugin hunt4j-provider-splunk (splunk.yaml)", store.get("events_for_host").origin());

        QueryException e = assertThrows(QueryException.class,
                () -> new QueryStore().addUrl(TestQueries.url("folder/bad_type.yaml"), "plugin p"));
        assertTrue(e.getMessage().startsWith("plugin p (bad_type.yaml):14: "), e.getMessage());
    }

    @Test
    void laterFileReplacesSameFullNameAndEnvironmentsButKeepsOtherEnvironments() {
        QueryStore store = TestQueries.store("override_a.yaml", "override_b.yaml", "override_c.yaml");
        assertEquals(2, store.all().size());
        assertEquals("Second", store.get("Overrides.q", List.of("LogAnalytics")).template());
        assertEquals("Third", store.get("Overrides.q", List.of("MDE")).template());
        assertEquals("Third", store.get("Overrides.q").template(), "without environments the one read last wins");
    }

    @Test
    void emptyAndNonMappingFilesAreRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing\n");
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        assertTrue(assertThrows(QueryException.class, () -> new QueryStore().addFile(empty)).getMessage().contains("empty"));
        assertTrue(assertThrows(QueryException.class, () -> new QueryStore().addFile(list)).getMessage()
                .contains("list.yaml:1: not a query file"));
    }

    @Test
    void aliasBombIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            sb.append("]\n");
            prev = c;
        }
        Path bomb = Files.writeString(dir.resolve("bomb.yaml"), sb.toString());
        QueryException e = assertThrows(QueryException.class, () -> new QueryStore().addFile(bomb));
        assertTrue(e.getMessage().contains("bomb.yaml"), e.getMessage());
    }
}
