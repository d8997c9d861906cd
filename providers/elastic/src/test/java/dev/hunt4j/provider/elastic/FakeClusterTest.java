package dev.hunt4j.provider.elastic;

import static dev.hunt4j.toolkit.testing.Routes.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.NotSupportedException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.testing.Bodies;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the integration-test servers cannot show, against loopback fakes of the documented wire format: ES|QL and SQL
 * (Elasticsearch's and OpenSearch's), credentials, 429 with Retry-After, circuit breakers, failover between hosts,
 * TLS by CA file and by fingerprint, truncated bodies and secret redaction.
 */
class FakeClusterTest {
    static final String ES_INFO = "{\"name\":\"n1\",\"version\":{\"number\":\"8.19.21\",\"build_flavor\":\"default\"},"
            + "\"tagline\":\"You Know, for Search\"}";
    static final String OS_INFO = "{\"name\":\"n1\",\"version\":{\"distribution\":\"opensearch\",\"number\":\"2.19.6\"},"
            + "\"tagline\":\"The OpenSearch Project: https://opensearch.org/\"}";
    static final String MAPPING = "{\"logs\":{\"mappings\":{\"properties\":{\"@timestamp\":{\"type\":\"date\"},"
            + "\"host\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}},\"n\":{\"type\":\"long\"}}}}}";

    @StartStop
    final MockWebServer server = new MockWebServer();
    @StartStop
    final MockWebServer second = new MockWebServer();
    @TempDir
    Path dir;

    final Routes routes = new Routes();

    private QueryProvider connect(Object... settings) {
        server.setDispatcher(routes);
        return new ElasticProviderFactory().connect(Rows.settings(server.url("/").toString(), settings));
    }

    private static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
    }

    private static String hits(int from, int count) {
        StringBuilder sb = new StringBuilder("{\"pit_id\":\"pit-2\",\"hits\":{\"hits\":[");
        for (int i = from; i < from + count; i++) {
            sb.append(i == from ? "" : ",").append("{\"_source\":{\"@timestamp\":\"2024-03-01T00:00:0").append(i % 10)
                    .append("Z\",\"host\":{\"name\":\"h").append(i).append("\"},\"n\":").append(i).append("},\"sort\":[").append(i)
                    .append(",").append(1000 + i).append("]}");
        }
        return sb.append("]}}").toString();
    }

    @Test
    void esqlSendsParamsAndTimeFilterAndReadsTypedColumns() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("POST", "/_query", r -> json(200, "{\"took\":3,\"is_partial\":false,\"columns\":["
                + "{\"name\":\"@timestamp\",\"type\":\"date\"},{\"name\":\"host.name\",\"type\":\"keyword\"},"
                + "{\"name\":\"bytes\",\"type\":\"long\"},{\"name\":\"ips\",\"type\":\"ip\"},{\"name\":\"score\",\"type\":\"double\"},"
                + "{\"name\":\"ok\",\"type\":\"boolean\"}],\"values\":["
                + "[\"2024-03-01T00:00:00.000Z\",\"wks-01\",5,[\"10.0.0.1\",\"10.0.0.2\"],1.5,true],"
                + "[null,\"wks-02\",[7],\"10.0.0.3\",2,false]]}"));
        TimeRange range = new TimeRange(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));
        try (QueryProvider p = connect()) {
            Rows.Result r = Rows.run(p, "{\"esql\": \"FROM logs-* | WHERE host.name == ?host | LIMIT 10\", \"params\": {\"host\": \"wks-01\\\" OR true\"}}",
                    QueryOptions.defaults().withTimeRange(range));
            assertEquals(List.of("@timestamp", "host.name", "bytes", "ips", "score", "ok"), r.names());
            assertEquals(ColumnType.TIMESTAMP, r.column("@timestamp").type());
            assertEquals(ColumnType.LONG, r.column("bytes").type());
            assertEquals(Instant.parse("2024-03-01T00:00:00Z"), r.rows().get(0).get("@timestamp"));
            assertEquals("[\"10.0.0.1\",\"10.0.0.2\"]", r.rows().get(0).get("ips"), "multi-values stay JSON text");
            assertEquals(7L, r.rows().get(1).get("bytes"), "a one-element multi-value in a typed column is its element");
            assertEquals(2.0, r.rows().get(1).get("score"));
            assertEquals(Boolean.FALSE, r.rows().get(1).get("ok"));
        }
        RecordedRequest q = routes.requests("/_query").get(0);
        assertEquals("json", q.getUrl().queryParameter("format"));
        Object sent = Json.parse(body(q));
        assertEquals("FROM logs-* | WHERE host.name == ?host | LIMIT 10", ((Map<?, ?>) sent).get("query"));
        assertEquals(List.of(Map.of("host", "wks-01\" OR true")), ((Map<?, ?>) sent).get("params"), "values go as parameters");
        assertEquals(Json.parse("{\"range\":{\"@timestamp\":{\"gte\":\"2024-03-01T00:00:00Z\",\"lt\":\"2024-03-02T00:00:00Z\","
                + "\"format\":\"strict_date_optional_time_nanos\"}}}"), ((Map<?, ?>) sent).get("filter"));
    }

    @Test
    void esqlPartialResultsAreNeverPassedOffAsWhole() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("POST", "/_query", r -> json(200, "{\"is_partial\":true,\"columns\":[{\"name\":\"a\",\"type\":\"keyword\"}],"
                + "\"values\":[[\"x\"]]}"));
        try (QueryProvider p = connect()) {
            QueryException e = assertThrows(QueryException.class, () -> Rows.run(p, "esql: FROM logs | LIMIT 1"));
            assertTrue(e.getMessage().contains("PARTIAL"), e.getMessage());
        }
    }

    @Test
    void clustersWithoutEsqlOrSqlSaySo() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("POST", "/_query", r -> json(405, "{\"error\":\"Incorrect HTTP method for uri [/_query?format=json] and method "
                + "[POST], allowed: [GET, PUT, DELETE, HEAD]\",\"status\":405}"));
        routes.on("POST", "/_sql", r -> json(400, "{\"error\":\"no handler found for uri [/_sql?format=json] and method [POST]\"}"));
        try (QueryProvider p = connect()) {
            NotSupportedException esql = assertThrows(NotSupportedException.class, () -> Rows.run(p, "FROM logs | LIMIT 1"));
            assertTrue(esql.getMessage().contains("has no ES|QL endpoint") && esql.getMessage().contains("8.11"), esql.getMessage());
            NotSupportedException sql = assertThrows(NotSupportedException.class, () -> Rows.run(p, "SELECT 1"));
            assertTrue(sql.getMessage().contains("has no SQL endpoint") && sql.getMessage().contains("x-pack-sql"), sql.getMessage());
        }
        // a bad ES|QL statement is the query's fault, not a missing feature
        routes.on("POST", "/_query", r -> json(400, "{\"error\":{\"root_cause\":[{\"type\":\"verification_exception\",\"reason\":"
                + "\"Found 1 problem\\nline 1:15: Unknown column [nope]\"}],\"type\":\"verification_exception\",\"reason\":"
                + "\"Found 1 problem\\nline 1:15: Unknown column [nope]\"},\"status\":400}"));
        try (QueryProvider p = connect()) {
            QueryException e = assertThrows(QueryException.class, () -> Rows.run(p, "esql: FROM logs | KEEP nope"));
            assertTrue(e instanceof dev.hunt4j.toolkit.ServiceRejection, e.getClass().getName());
            assertTrue(e.getMessage().contains("verification_exception: Found 1 problem"), e.getMessage());
        }
    }

    @Test
    void elasticsearchSqlFollowsTheCursorAndClosesItWhenClosedEarly() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("POST", "/_sql", r -> {
            String b = body(r);
            if (b.contains("\"cursor\":\"c1\"")) {
                return json(200, "{\"rows\":[[\"c\",3],[\"d\",4]],\"cursor\":\"c2\"}");
            }
            if (b.contains("\"cursor\":\"c2\"")) {
                return json(200, "{\"rows\":[[\"e\",5]]}");
            }
            return json(200, "{\"columns\":[{\"name\":\"host.name\",\"type\":\"keyword\"},{\"name\":\"n\",\"type\":\"long\"}],"
                    + "\"rows\":[[\"a\",1],[\"b\",2]],\"cursor\":\"c1\"}");
        });
        routes.on("POST", "/_sql/close", r -> json(200, "{\"succeeded\":true}"));
        try (QueryProvider p = connect("page_size", 2)) {
            Rows.Result r = Rows.run(p, "{\"sql\": \"SELECT host.name, n FROM logs WHERE n > ?\", \"params\": [0]}");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.values("n"));
            assertEquals(0, routes.requests("/_sql/close").size(), "a cursor read to its end needs no closing");
            Map<?, ?> first = (Map<?, ?>) Json.parse(body(routes.requests("/_sql").get(0)));
            assertEquals(2L, first.get("fetch_size"));
            assertEquals(List.of(0L), first.get("params"));

            try (ResultStream rs = p.execute("sql: SELECT host.name, n FROM logs", QueryOptions.defaults())) {
                rs.next();
                rs.next();
                rs.next(); // into the second page, whose own cursor follows its rows
            }
            assertEquals(1, routes.requests("/_sql/close").size());
            assertEquals("{\"cursor\":\"c1\"}", body(routes.requests("/_sql/close").get(0)));
        }
    }

    @Test
    void openSearchSqlUsesItsPluginAndJdbcFormat() {
        routes.on("GET", "/", r -> json(200, OS_INFO));
        routes.on("POST", "/_plugins/_sql", r -> json(200, "{\"schema\":[{\"name\":\"host.name\",\"type\":\"keyword\"},"
                + "{\"name\":\"COUNT(*)\",\"alias\":\"n\",\"type\":\"long\"},{\"name\":\"t\",\"type\":\"timestamp\"}],"
                + "\"datarows\":[[\"a\",1,\"2024-03-01 00:00:00\"]],\"total\":1,\"size\":1,\"status\":200}"));
        try (QueryProvider p = connect()) {
            Rows.Result r = Rows.run(p, "{\"sql\": \"SELECT host.name, COUNT(*) AS n, t FROM logs WHERE host.name = ?\", \"params\": [\"a\"]}");
            assertEquals(List.of("host.name", "n", "t"), r.names());
            assertEquals(Instant.parse("2024-03-01T00:00:00Z"), r.rows().get(0).get("t"));
            assertEquals("jdbc", routes.requests("/_plugins/_sql").get(0).getUrl().queryParameter("format"));
            assertEquals(List.of(Map.of("type", "string", "value", "a")),
                    ((Map<?, ?>) Json.parse(body(routes.requests("/_plugins/_sql").get(0)))).get("parameters"));
            NotSupportedException e = assertThrows(NotSupportedException.class, () -> Rows.run(p, "esql: FROM logs"));
            assertTrue(e.getMessage().contains("OpenSearch 2.19.6 has no ES|QL"), e.getMessage());
        }
    }

    @Test
    void pagesWithElasticsearchPointInTimeAndClosesIt() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{\"@timestamp\":{},\"host.name\":{},\"n\":{}}}"));
        routes.on("POST", "/logs/_pit", r -> json(200, "{\"id\":\"pit-1\",\"_shards\":{\"total\":3}}"));
        routes.on("POST", "/_search", r -> {
            Object after = ((Map<?, ?>) Json.parse(body(r))).get("search_after");
            return json(200, after == null ? hits(0, 3) : List.of(2L, 1002L).equals(after) ? hits(3, 2) : hits(5, 0));
        });
        routes.on("DELETE", "/_pit", r -> json(200, "{\"succeeded\":true,\"num_freed\":1}"));
        try (QueryProvider p = connect("page_size", 3)) {
            Rows.Result r = Rows.run(p, "{\"index\": \"logs\"}");
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), r.values("n"));
        }
        List<RecordedRequest> searches = routes.requests("/_search");
        assertEquals(3, searches.size(), "the read-ahead learns the end from an empty page");
        Map<?, ?> first = (Map<?, ?>) Json.parse(body(searches.get(0)));
        assertEquals(List.of(Map.of("_shard_doc", "asc")), first.get("sort"));
        assertEquals(Map.of("id", "pit-1", "keep_alive", "120s"), first.get("pit"));
        assertEquals(Boolean.FALSE, first.get("track_total_hits"));
        assertEquals("false", searches.get(0).getUrl().queryParameter("allow_partial_search_results"));
        Map<?, ?> second = (Map<?, ?>) Json.parse(body(searches.get(1)));
        assertEquals(List.of(2L, 1002L), second.get("search_after"));
        assertEquals("pit-2", ((Map<?, ?>) second.get("pit")).get("id"), "the newest pit id is used");
        assertEquals(List.of(4L, 1004L), ((Map<?, ?>) Json.parse(body(searches.get(2)))).get("search_after"));
        assertEquals("{\"id\":\"pit-2\"}", body(routes.requests("/_pit").stream().filter(x -> x.getMethod().equals("DELETE")).findFirst().orElseThrow()));
    }

    /**
     * Hits of {@code bytes} bytes or more each, their keys in the order of {@code keys} ({@code _id}, {@code _index},
     * {@code _source}, {@code sort}).
     */
    private static String bigHits(int from, int count, int bytes, String... keys) {
        StringBuilder sb = new StringBuilder("{\"pit_id\":\"pit-2\",\"hits\":{\"hits\":[");
        for (int i = from; i < from + count; i++) {
            sb.append(i == from ? "{" : ",{");
            for (int k = 0; k < keys.length; k++) {
                sb.append(k == 0 ? "" : ",").append('"').append(keys[k]).append("\":");
                switch (keys[k]) {
                    case "_id" -> sb.append("\"id-").append(i).append('"');
                    case "_index" -> sb.append("\"logs\"");
                    case "sort" -> sb.append('[').append(i).append(']');
                    default -> sb.append(i % 2 == 0 ? "{\"n\":" + i + ",\"host\":{\"name\":\"" : "{\"host\":{\"name\":\"")
                            .append("h").append(i).append("-").append("x".repeat(bytes)).append(i % 2 == 0 ? "\"}}" : "\"},\"n\":" + i + "}");
                }
            }
            sb.append('}');
        }
        return sb.append("]}}").toString();
    }

    @Test
    void pagesLargerThanTheirBuffersAreReadWholeWhenTheBuffersAreReused() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{\"host.name\":{},\"n\":{}}}"));
        routes.on("POST", "/logs/_pit", r -> json(200, "{\"id\":\"pit-1\",\"_shards\":{\"total\":1}}"));
        // page 1: ~400 KiB; page 2: as big, its hits' keys in another order; page 3: small, so buffers reused from the
        // big pages still hold their old bytes past its end; page 4: empty
        routes.on("POST", "/_search", r -> {
            Object after = ((Map<?, ?>) Json.parse(body(r))).get("search_after");
            long n = after == null ? -1 : ((Number) ((List<?>) after).get(0)).longValue();
            return json(200, n == -1 ? bigHits(0, 1000, 400, "_index", "_id", "_score", "_source", "sort")
                    : n == 999 ? bigHits(1000, 1000, 400, "_source", "_id", "sort")
                    : n == 1999 ? bigHits(2000, 7, 10, "_index", "_id", "_source", "sort") : bigHits(0, 0, 0));
        });
        routes.on("DELETE", "/_pit", r -> json(200, "{\"succeeded\":true,\"num_freed\":1}"));
        try (QueryProvider p = connect("page_size", 1000)) {
            Rows.Result r = Rows.run(p, "{\"index\": \"logs\", \"fields\": [\"n\", \"host.name\", \"_id\"]}");
            assertEquals(2007, r.size());
            for (int i = 0; i < r.size(); i++) {
                Map<String, Object> row = r.rows().get(i);
                assertEquals((long) i, row.get("n"));
                assertEquals("h" + i + "-" + "x".repeat(i < 2000 ? 400 : 10), row.get("host.name"));
                assertEquals("id-" + i, row.get("_id"));
            }
        }
        assertEquals(4, routes.requests("/_search").size());
    }

    @Test
    void aPageThatFailsWhileFetchedAheadFailsTheQueryAfterTheRowsBeforeIt() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{\"n\":{}}}"));
        routes.on("POST", "/logs/_pit", r -> json(200, "{\"id\":\"pit-1\",\"_shards\":{\"total\":1}}"));
        routes.on("POST", "/_search", r -> ((Map<?, ?>) Json.parse(body(r))).containsKey("search_after")
                ? json(400, "{\"error\":{\"root_cause\":[{\"type\":\"illegal_argument_exception\",\"reason\":\"page two is bad\"}],"
                        + "\"type\":\"illegal_argument_exception\",\"reason\":\"page two is bad\"},\"status\":400}")
                : json(200, hits(0, 3)));
        routes.on("DELETE", "/_pit", r -> json(200, "{\"succeeded\":true,\"num_freed\":1}"));
        try (QueryProvider p = connect("page_size", 3); ResultStream rs = p.execute("{\"index\": \"logs\"}", QueryOptions.defaults())) {
            List<Object> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                seen.add(rs.next()[rs.columns().indexOf(rs.columns().stream().filter(c -> c.name().equals("n")).findFirst().orElseThrow())]);
            }
            assertEquals(List.of(0L, 1L, 2L), seen, "the rows of the page before are handed out first");
            QueryException e = assertThrows(QueryException.class, rs::next);
            assertTrue(e.getMessage().contains("page two is bad"), e.getMessage());
        }
        assertEquals(1, routes.requests("/_pit").stream().filter(x -> x.getMethod().equals("DELETE")).count(),
                "the point in time is closed after the failure");
    }

    @Test
    void pagesWithOpenSearchPointInTimeAndATiebreakerOverSeveralShards() {
        routes.on("GET", "/", r -> json(200, OS_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("POST", "/logs/_search/point_in_time", r -> json(200, "{\"pit_id\":\"pit-1\",\"_shards\":{\"total\":3}}"));
        routes.on("POST", "/_search", r -> {
            Map<?, ?> b = (Map<?, ?>) Json.parse(body(r));
            return json(200, b.containsKey("search_after") ? hits(3, 0) : hits(0, 3));
        });
        routes.on("DELETE", "/_search/point_in_time", r -> json(200, "{\"pits\":[{\"successful\":true}]}"));
        try (QueryProvider p = connect("page_size", 3)) {
            assertEquals(3, Rows.run(p, "{\"index\": \"logs\", \"sort\": [{\"@timestamp\": \"desc\"}]}").size());
        }
        assertTrue(routes.requests("/logs/_field_caps").isEmpty(), "OpenSearch has no include_empty_fields");
        Map<?, ?> first = (Map<?, ?>) Json.parse(body(routes.requests("/_search").get(0)));
        assertEquals(List.of(Map.of("@timestamp", "desc"), Map.of("_id", "asc")), first.get("sort"));
        RecordedRequest delete = routes.requests("/_search/point_in_time").stream().filter(x -> x.getMethod().equals("DELETE"))
                .findFirst().orElseThrow();
        assertEquals("{\"pit_id\":[\"pit-2\"]}", body(delete));
    }

    @Test
    void credentialsGoInTheAuthorizationHeader() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, "{}"));
        List<String> seen = new ArrayList<>();
        for (Object[] settings : List.<Object[]>of(
                new Object[] {"username", "elastic", "password", new Secret("changeme-pw", "env:PW")},
                new Object[] {"api_key", new Secret("key-id:key-secret", "env:KEY")},
                new Object[] {"api_key", new Secret("a2V5LWlkOmtleS1zZWNyZXQ=", "env:KEY")},
                new Object[] {"api_key_id", "key-id", "api_key", new Secret("key-secret", "env:KEY")},
                new Object[] {"bearer_token", new Secret("tok-123456", "env:TOKEN")},
                new Object[0])) {
            try (QueryProvider p = connect(settings)) {
                Rows.run(p, "{\"index\": \"logs\"}");
            }
            List<RecordedRequest> all = routes.requests("/logs/_mapping");
            seen.add(all.get(all.size() - 1).getHeaders().get("Authorization"));
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("elastic:changeme-pw".getBytes(StandardCharsets.UTF_8));
        assertEquals(java.util.Arrays.asList(basic, "ApiKey a2V5LWlkOmtleS1zZWNyZXQ=", "ApiKey a2V5LWlkOmtleS1zZWNyZXQ=",
                "ApiKey a2V5LWlkOmtleS1zZWNyZXQ=", "Bearer tok-123456", null), seen);
    }

    @Test
    void refusedCredentialsAreAuthenticationErrorsWithoutTheSecret() {
        routes.on("GET", "/", r -> json(401, "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":"
                + "\"unable to authenticate with provided credentials [a2V5LWlkOmtleS1zZWNyZXQ=] for key-secret\"}],"
                + "\"type\":\"security_exception\",\"reason\":\"unable to authenticate\"},\"status\":401}"));
        try (QueryProvider p = connect("api_key", new Secret("key-id:key-secret", "env:ES_KEY"))) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> Rows.run(p, "{\"index\": \"logs\"}"));
            assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("env:ES_KEY")
                    && e.getMessage().contains("api_key"), e.getMessage());
            assertFalse(e.getMessage().contains("key-secret") || e.getMessage().contains("a2V5LWlkOmtleS1zZWNyZXQ="), e.getMessage());
        }
    }

    @Test
    void aKeyWithoutClusterPrivilegesStillSearchesButMissingIndexPrivilegesAreNamed() {
        routes.on("GET", "/", r -> json(403, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"action [cluster:monitor/main] "
                + "is unauthorized\"},\"status\":403}"));
        routes.on("GET", "/logs/_mapping", r -> json(403, "{\"error\":{\"type\":\"security_exception\",\"reason\":"
                + "\"action [indices:admin/mappings/get] is unauthorized for user [hunter]\"},\"status\":403}"));
        try (QueryProvider p = connect("username", "hunter", "password", new Secret("pw-secret", "inline"))) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> Rows.run(p, "{\"index\": \"logs\"}"));
            assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("view_index_metadata")
                    && e.getMessage().contains("indices:admin/mappings/get"), e.getMessage());
        }
    }

    @Test
    void throttlingWaitsForRetryAfterThenSucceeds() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{\"n\":{}}}"));
        int[] calls = {0};
        routes.on("POST", "/logs/_search", r -> calls[0]++ == 0
                ? new MockResponse.Builder().code(429).setHeader("Retry-After", "1").setHeader("Content-Type", "application/json")
                        .body("{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected execution of "
                                + "search (queue capacity 1000)\"},\"status\":429}").build()
                : json(200, hits(0, 2)));
        try (QueryProvider p = connect()) {
            long t0 = System.nanoTime();
            assertEquals(2, Rows.run(p, "{\"index\": \"logs\"}", QueryOptions.defaults().withMaxRows(10)).size());
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(950).toNanos(), "waited for Retry-After");
        }
        assertEquals(2, calls[0]);
    }

    @Test
    void throttlingBeyondMaxRetryWaitOrAPermanentBreakerFailsAtOnce() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{\"n\":{}}}"));
        routes.on("POST", "/logs/_search", r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "600")
                .setHeader("Content-Type", "application/json").body("{\"error\":{\"type\":\"es_rejected_execution_exception\","
                        + "\"reason\":\"rejected\"},\"status\":429}").build());
        try (QueryProvider p = connect()) {
            ThrottledException e = assertThrows(ThrottledException.class, () -> Rows.run(p, "{\"index\": \"logs\"}",
                    QueryOptions.defaults().withMaxRows(10)));
            assertEquals(Duration.ofMinutes(10), e.retryAfter().orElseThrow());
            assertTrue(e.getMessage().contains("max_retry_wait"), e.getMessage());
        }
        assertEquals(1, routes.requests("/logs/_search").size());

        routes.on("POST", "/logs/_search", r -> json(429, "{\"error\":{\"root_cause\":[{\"type\":\"circuit_breaking_exception\","
                + "\"reason\":\"[parent] Data too large, data for [<http_request>] would be [520093696/496mb], which is larger than "
                + "the limit of [510027366/486.3mb]\",\"bytes_wanted\":520093696,\"durability\":\"PERMANENT\"}],"
                + "\"type\":\"circuit_breaking_exception\",\"reason\":\"[parent] Data too large\",\"durability\":\"PERMANENT\"},\"status\":429}"));
        try (QueryProvider p = connect()) {
            ThrottledException e = assertThrows(ThrottledException.class, () -> Rows.run(p, "{\"index\": \"logs\"}",
                    QueryOptions.defaults().withMaxRows(10)));
            assertTrue(e.getMessage().contains("circuit_breaking_exception") && e.getMessage().contains("Data too large")
                    && e.getMessage().contains("page_size"), e.getMessage());
        }
        assertEquals(2, routes.requests("/logs/_search").size(), "a permanent breaker is not retried");
    }

    @Test
    void failsOverToTheNextHostAndSkipsTheFailedOneForAWhile() {
        second.setDispatcher(new Routes().on("GET", "/", r -> json(503, "{\"error\":{\"type\":\"no_shard_available\",\"reason\":"
                + "\"node is shutting down\"},\"status\":503}")));
        server.setDispatcher(routes);
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, "{}"));
        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(null, "hosts",
                List.of(second.url("/").toString(), server.url("/").toString())))) {
            assertEquals(0, Rows.run(p, "{\"index\": \"logs\"}").size());
            assertEquals(0, Rows.run(p, "{\"index\": \"logs\"}").size());
        }
        assertEquals(1, second.getRequestCount(), "the failed host is skipped during its cooldown");
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void whenEveryHostFailsItRetriesThenNamesTheAttempts() {
        routes.on("GET", "/", r -> json(503, "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"blocked by: "
                + "[SERVICE_UNAVAILABLE/1/state not recovered / initialized]\"},\"status\":503}"));
        try (QueryProvider p = connect("max_retries", 2, "retry_backoff", "10ms")) {
            QueryException e = assertThrows(QueryException.class, () -> Rows.run(p, "{\"index\": \"logs\"}"));
            assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("state not recovered")
                    && e.getMessage().contains("attempts:"), e.getMessage());
        }
        assertEquals(3, routes.requests("/").size());
    }

    @Test
    void queryErrorsCarryTheServersReasonAndPosition() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{\"n\":{}}}"));
        routes.on("POST", "/logs/_search", r -> json(400, "{\"error\":{\"root_cause\":[{\"type\":\"parsing_exception\",\"reason\":"
                + "\"unknown query [foo]\",\"line\":1,\"col\":34}],\"type\":\"x_content_parse_exception\",\"reason\":"
                + "\"[1:34] [bool] failed to parse field [must]\",\"caused_by\":{\"type\":\"parsing_exception\",\"reason\":"
                + "\"unknown query [foo]\",\"line\":1,\"col\":34}},\"status\":400}"));
        try (QueryProvider p = connect()) {
            QueryException e = assertThrows(QueryException.class, () -> Rows.run(p, "{\"index\": \"logs\", \"query\": {\"bool\": "
                    + "{\"must\": [{\"foo\": {}}]}}}", QueryOptions.defaults().withMaxRows(5)));
            assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("parsing_exception: unknown query [foo] "
                    + "(line 1, column 34)"), e.getMessage());
        }
    }

    @Test
    void aPageCutShortIsAnErrorNotAShortResult() {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{\"n\":{}}}"));
        String full = hits(0, 200);
        routes.on("POST", "/logs/_search", r -> Bodies.cutHalfway(full));
        try (QueryProvider p = connect()) {
            QueryException e = assertThrows(QueryException.class, () -> Rows.run(p, "{\"index\": \"logs\"}",
                    QueryOptions.defaults().withMaxRows(500)));
            assertTrue(e.getMessage().contains("ended early"), e.getMessage());
        }
    }

    @Test
    void compressionIsOffUnlessAskedForAndAHostPathPrefixIsKept() {
        server.setDispatcher(routes);
        routes.on("GET", "/es/", r -> json(200, ES_INFO));
        routes.on("GET", "/es/logs/_mapping", r -> json(200, "{}"));
        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(server.url("/es/").toString()))) {
            Rows.run(p, "{\"index\": \"logs\"}");
        }
        assertEquals("identity", routes.requests("/es/logs/_mapping").get(0).getHeaders().get("Accept-Encoding"));
        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(server.url("/es").toString(), "compression", true))) {
            Rows.run(p, "{\"index\": \"logs\"}");
        }
        assertEquals("gzip", routes.requests("/es/logs/_mapping").get(1).getHeaders().get("Accept-Encoding"));
    }

    @Test
    void trustsACaFileOrACertificateFingerprint() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("hunt4j test CA").build();
        HeldCertificate leaf = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName(server.getHostName())
                .commonName("es.test").build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, ca.certificate()).build().sslSocketFactory());
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, "{}"));
        server.setDispatcher(routes);
        String url = server.url("/").toString();
        assertTrue(url.startsWith("https://"));

        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(url, "max_retries", 0))) {
            QueryException e = assertThrows(QueryException.class, () -> Rows.run(p, "{\"index\": \"logs\"}"));
            assertTrue(e.getMessage().contains("ca_file"), e.getMessage());
        }
        Path caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, ca.certificatePem());
        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(url, "ca_file", caFile.toString()))) {
            assertEquals(0, Rows.run(p, "{\"index\": \"logs\"}").size());
        }
        String fp = Fingerprints.sha256(ca.certificate());
        String colons = fp.toUpperCase().replaceAll("(..)(?!$)", "$1:");
        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(url, "ca_fingerprint", colons))) {
            assertEquals(0, Rows.run(p, "{\"index\": \"logs\"}").size());
        }
        try (QueryProvider p = new ElasticProviderFactory().connect(Rows.settings(url, "ca_fingerprint", "ab".repeat(32)))) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> Rows.run(p, "{\"index\": \"logs\"}"));
            assertTrue(e.getMessage().contains("matches no certificate") && e.getMessage().contains(fp), e.getMessage());
        }
    }

    @Test
    void nothingIsSentBeforeTheFirstQuery() {
        QueryProvider p = connect("hosts", "http://127.0.0.1:1", "ca_fingerprint", "ab".repeat(32), "hosts", "https://127.0.0.1:1");
        p.close();
        assertEquals(0, server.getRequestCount());
    }
}
