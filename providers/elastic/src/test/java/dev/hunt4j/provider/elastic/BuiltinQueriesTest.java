package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.runtime.query.QueryDefinition;
import dev.hunt4j.runtime.query.QueryParameter;
import dev.hunt4j.runtime.query.QueryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled query library as the host loads it: MSTICPy's format, every query renders into a valid JSON query, and
 * hostile parameter values change only values, never the query's structure. (Each query's rows are checked against a
 * real node in {@link NodeTests}.)
 */
class BuiltinQueriesTest {
    static QueryStore store;
    static final String HOSTILE = "x\"} }, {\"match_all\": {}}], \"should\": [{\"a\": \"\\\\\" | fields _id\n{host_name}";

    @BeforeAll
    static void load() {
        store = new QueryStore();
        store.addUrl(new ElasticProviderFactory().builtinQueryFiles().get(0), "elastic");
        assertTrue(store.loadErrors().isEmpty(), store.loadErrors().toString());
    }

    private static List<QueryDefinition> queries() {
        return store.forEnvironments(new ElasticProviderFactory().dataEnvironments());
    }

    @Test
    void theLibraryCoversProcessesLogonsNetworkDnsAndAlerts() {
        List<String> names = queries().stream().map(QueryDefinition::name).toList();
        for (String n : List.of("list_host_processes", "list_processes_by_account", "list_processes_matching_commandline",
                "list_processes_by_name", "list_host_logons", "list_logon_failures", "list_logons_for_account", "list_logons_from_ip",
                "list_host_network_connections", "list_connections_to_ip", "list_connections_to_port", "list_dns_queries",
                "list_dns_for_domain", "list_alerts", "list_alerts_for_host", "list_alerts_by_severity", "get_alert")) {
            assertTrue(names.contains(n), "missing " + n + " in " + names);
        }
        for (QueryDefinition q : queries()) {
            assertTrue(!q.description().isBlank() && List.of("Process", "Authentication", "Network", "DNS", "SecurityAlert")
                    .contains(q.family()), q.fullName());
        }
    }

    private static Map<String, Object> values(QueryDefinition q, boolean hostile) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (QueryParameter p : q.parameters()) {
            v.put(p.name(), switch (p.type()) {
                case "int" -> 443L;
                case "datetime" -> Instant.parse("2024-01-01T00:00:00Z");
                case "list" -> hostile ? List.of(HOSTILE, "b") : List.of("high");
                default -> hostile ? HOSTILE : "wks-01";
            });
        }
        return v;
    }

    @Test
    void everyQueryRendersToJsonWhoseStructureNoValueCanChange() {
        for (QueryDefinition q : queries()) {
            String plain = q.render(values(q, false), QueryLanguages.JSON, null);
            String hostile = q.render(values(q, true), QueryLanguages.JSON, null);
            ElasticQuery parsed = ElasticQuery.parse(plain);
            ElasticQuery.parse(hostile);
            assertEquals(ElasticQuery.Kind.SEARCH, parsed.kind(), q.name());
            assertTrue(parsed.index() != null && !parsed.fields().isEmpty() || q.name().equals("get_alert"), q.name());
            assertEquals(shape(Json.parse(plain)), shape(Json.parse(hostile)), q.name() + ": a value changed the structure\n" + hostile);
            if (hostile.contains("{host_name}")) {
                assertTrue(hostile.contains("\\n{host_name}"), "a value is never rendered twice: " + hostile);
            }
        }
    }

    /** The JSON tree with every string and number replaced: what is left is the structure. */
    private static Object shape(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), shape(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(shape(o));
            }
            // a list parameter may have any length
            return out.isEmpty() ? out : List.of(out.get(0));
        }
        return node == null ? "null" : node instanceof Boolean ? node : "?";
    }
}
