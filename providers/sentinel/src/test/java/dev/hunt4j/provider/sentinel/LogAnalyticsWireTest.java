package dev.hunt4j.provider.sentinel;

import static dev.hunt4j.provider.sentinel.FakeLogAnalytics.CLIENT;
import static dev.hunt4j.provider.sentinel.FakeLogAnalytics.SECRET;
import static dev.hunt4j.provider.sentinel.FakeLogAnalytics.T0;
import static dev.hunt4j.provider.sentinel.FakeLogAnalytics.WORKSPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.PartialResult;
import dev.hunt4j.toolkit.testing.Bodies;
import dev.hunt4j.toolkit.testing.Forms;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against the loopback Log Analytics: request format, type mapping, errors, partial results, chunks. */
class LogAnalyticsWireTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    FakeLogAnalytics fake;
    QueryProvider provider;

    @BeforeEach
    void start() {
        fake = new FakeLogAnalytics(server);
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    QueryProvider connect(Map<String, Object> extra) {
        if (provider != null) {
            provider.close();
        }
        provider = new SentinelProviderFactory().connect(fake.settings(dir, extra));
        return provider;
    }

    List<Object[]> run(String query, QueryOptions options) {
        try (ResultStream rs = connect(Map.of()).execute(query, options)) {
            return rs.toList();
        }
    }

    List<RecordedRequest> queries() {
        return fake.routes.requests("/v1/workspaces/");
    }

    @Test
    void requestFollowsTheDocumentedFormat() {
        TimeRange range = new TimeRange(T0, T0.plus(Duration.ofHours(12)));
        connect(Map.of("workspaces", List.of("ws-two", "ws-three")));
        provider.execute("Events | take 5", QueryOptions.defaults().withTimeRange(range)).toList();
        RecordedRequest token = fake.routes.requests(fake.aad.path()).get(0);
        Map<String, String> form = Forms.parse(token);
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals(CLIENT, form.get("client_id"));
        assertEquals(server.url("/") + ".default", form.get("scope"), "the scope is the API URL + /.default");
        RecordedRequest q = queries().get(0);
        assertEquals("POST", q.getMethod());
        assertEquals("/v1/workspaces/" + WORKSPACE + "/query", q.getUrl().encodedPath());
        assertEquals("Bearer token-1", q.getHeaders().get("Authorization"));
        assertEquals("wait=600", q.getHeaders().get("Prefer"));
        assertTrue(q.getHeaders().get("Content-Type").startsWith("application/json"));
        Object body = FakeLogAnalytics.body(q);
        assertEquals("Events | take 5", ErrorBodies.text(body, "query"));
        assertEquals("2024-03-01T00:00:00Z/2024-03-01T12:00:00Z", ErrorBodies.text(body, "timespan"));
        assertEquals(List.of("ws-two", "ws-three"), ErrorBodies.at(body, "workspaces"));
    }

    @Test
    void everyKustoTypeBecomesItsJavaType() {
        try (ResultStream rs = connect(Map.of()).execute("Events", QueryOptions.defaults())) {
            List<Column> c = rs.columns();
            assertEquals(List.of(ColumnType.TIMESTAMP, ColumnType.STRING, ColumnType.LONG, ColumnType.LONG, ColumnType.DOUBLE,
                    ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.STRING, ColumnType.JSON, ColumnType.STRING),
                    c.stream().map(Column::type).toList());
            Object[] r0 = rs.next();
            assertEquals(T0.plusNanos(1234500), r0[0]);
            assertEquals("host-0.contoso.com", r0[1]);
            assertEquals(4624L, r0[2]);
            assertEquals(0L, r0[3]);
            assertTrue(Double.isNaN((Double) r0[4]), "\"NaN\" is a real");
            assertEquals(true, r0[5]);
            assertEquals("00000000-1111-2222-3333-444444444444", r0[6]);
            assertEquals("00:00:30", r0[7]);
            assertEquals("{\"Host\":\"host-0\",\"n\":0}", r0[8]);
            assertNull(r0[9]);
            Object[] r1 = rs.next();
            assertEquals(1_000_000_000L, r1[3]);
            assertEquals(1.5, r1[4]);
            assertEquals("cmd.exe /c \"echo 1\"", r1[9]);
        }
    }

    @Test
    void aSyntaxErrorCarriesTheServiceMessageFromExecute() {
        QueryException e = assertThrows(QueryException.class, () -> connect(Map.of()).execute("Events | wher x", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("SYN0002: Query could not be parsed at 'wher' on line [1,9]"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertEquals(1, queries().size(), "not retried");
    }

    @Test
    void oneTokenServesManyQueriesAndARefusedTokenIsReplacedOnce() {
        connect(Map.of());
        for (int i = 0; i < 3; i++) {
            provider.execute("Events | take 1", QueryOptions.defaults()).toList();
        }
        assertEquals(1, fake.aad.issued());
        AtomicInteger calls = new AtomicInteger();
        fake.handler = r -> calls.incrementAndGet() == 1
                ? Routes.json(401, "{\"error\":{\"message\":\"The provided authentication is not valid for this resource\",\"code\":\"InvalidTokenError\"}}")
                : fake.answer(r);
        assertEquals(1, provider.execute("Events | take 1", QueryOptions.defaults()).toList().size());
        assertEquals(2, fake.aad.issued());
    }

    @Test
    void forbiddenNamesTheAppAndTheRoleButNeverTheSecret() {
        fake.handler = r -> Routes.json(403, "{\"error\":{\"message\":\"The provided credentials have insufficient access to perform "
                + "the requested operation (client secret " + SECRET + ")\",\"code\":\"InsufficientAccessError\"}}");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> connect(Map.of()).execute("Events", QueryOptions.defaults()));
        String m = e.getMessage();
        assertFalse(m.contains(SECRET), m);
        assertTrue(m.contains("InsufficientAccessError"), m);
        assertTrue(m.contains("Log Analytics Reader"), m);
        assertTrue(m.contains(CLIENT), m);
        assertTrue(m.contains("env:LA_SECRET"), m);
        assertTrue(m.contains(WORKSPACE), m);
    }

    @Test
    void aWrongSecretSaysWhatToCheck() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> connect(Map.of("client_secret", new Secret("not-the-secret", "env:LA_SECRET"))).execute("Events", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("AADSTS7000215"), e.getMessage());
        assertTrue(e.getMessage().contains("providers.sentinel-test.client_secret"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    }

    @Test
    void aPartialErrorAfterTheRowsIsRaisedNotSwallowed() {
        fake.handler = r -> Routes.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + FakeLogAnalytics.COLUMNS
                + ",\"rows\":[" + FakeLogAnalytics.row(0) + "," + FakeLogAnalytics.row(1) + "]}],\"error\":{\"code\":\"PartialError\","
                + "\"message\":\"There were some errors when processing your query.\",\"details\":[{\"code\":\"EngineError\","
                + "\"message\":\"Something went wrong processing your query on the server.\",\"innererror\":{\"code\":\"-2133196797\","
                + "\"message\":\"The results of this query exceed the set limit of 64000000 bytes, so not all records were returned "
                + "(E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003).\",\"severity\":2,\"severityName\":\"Error\"}}]}}");
        ResultStream rs = connect(Map.of()).execute("Events", QueryOptions.defaults());
        assertTrue(rs.next() != null && rs.next() != null, "the rows that arrived are returned");
        QueryException e = assertThrows(QueryException.class, rs::next);
        assertTrue(e.getMessage().contains("PARTIAL result (2 rows arrived"), e.getMessage());
        assertTrue(e.getMessage().contains("E_QUERY_RESULT_SET_TOO_LARGE"), e.getMessage());
        assertTrue(e.getMessage().contains("split_by"), e.getMessage());
        rs.close();
        assertEquals(0, ((SentinelProvider) provider).openResponses());
    }

    @Test
    void timeChunksRunWithTheirOwnTimespanAndAKeptFailureIsVisible() {
        TimeRange threeDays = new TimeRange(T0, T0.plus(Duration.ofDays(3)));
        fake.handler = r -> {
            TimeRange span = FakeLogAnalytics.timespan(r);
            if (span.start().equals(T0.plus(Duration.ofDays(1)))) {
                return Routes.json(500, "{\"error\":{\"message\":\"engine failure\",\"code\":\"InternalServerError\"}}");
            }
            return fake.answer(r);
        };
        ResultStream rs = connect(Map.of("split_by", "1d", "on_chunk_error", "keep", "max_retries", 1))
                .execute("Events", QueryOptions.defaults().withTimeRange(threeDays));
        List<Object[]> rows = rs.toList();
        long expected = java.util.stream.IntStream.range(0, FakeLogAnalytics.ROWS)
                .mapToObj(i -> T0.plus(Duration.ofMinutes(61L * i)).plusNanos(1234500))
                .filter(t -> threeDays.contains(t) && !new TimeRange(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))).contains(t))
                .count();
        assertEquals(expected, rows.size());
        assertInstanceOf(PartialResult.class, rs);
        PartialResult partial = (PartialResult) rs;
        assertEquals(1, partial.failures().size());
        assertTrue(partial.failures().get(0).describe().contains("2024-03-02T00:00:00Z..2024-03-03T00:00:00Z"),
                partial.failures().get(0).describe());
        assertTrue(partial.failures().get(0).describe().contains("engine failure"), partial.failures().get(0).describe());
        List<String> spans = queries().stream().map(r -> ErrorBodies.text(FakeLogAnalytics.body(r), "timespan")).distinct().sorted().toList();
        assertEquals(List.of("2024-03-01T00:00:00Z/2024-03-02T00:00:00Z", "2024-03-02T00:00:00Z/2024-03-03T00:00:00Z",
                "2024-03-03T00:00:00Z/2024-03-04T00:00:00Z"), spans);
    }

    @Test
    void aFailedChunkStopsTheQueryByDefaultNamingItsRange() {
        fake.handler = r -> FakeLogAnalytics.timespan(r).start().equals(T0.plus(Duration.ofDays(2)))
                ? Routes.json(400, "{\"error\":{\"message\":\"bad\",\"code\":\"BadArgumentError\"}}") : fake.answer(r);
        ResultStream rs = connect(Map.of("split_by", "1d")).execute("Events",
                QueryOptions.defaults().withTimeRange(new TimeRange(T0, T0.plus(Duration.ofDays(3)))));
        QueryException e = assertThrows(QueryException.class, rs::toList);
        assertTrue(e.getMessage().contains("time chunk 3 of 3 (2024-03-03T00:00:00Z..2024-03-04T00:00:00Z)"), e.getMessage());
        assertTrue(e.getMessage().contains("BadArgumentError: bad"), e.getMessage());
    }

    @Test
    void throttlingIsRetriedAsTheServiceSays() {
        AtomicInteger calls = new AtomicInteger();
        fake.handler = r -> calls.incrementAndGet() == 1
                ? new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("{\"error\":{\"message\":\"Too many requests\",\"code\":\"ThrottledError\"}}").build()
                : fake.answer(r);
        assertEquals(FakeLogAnalytics.ROWS, run("Events", QueryOptions.defaults()).size());
        fake.handler = r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "900")
                .body("{\"error\":{\"message\":\"Too many requests\",\"code\":\"ThrottledError\"}}").build();
        ThrottledException e = assertThrows(ThrottledException.class, () -> run("Events", QueryOptions.defaults()));
        assertEquals(Duration.ofMinutes(15), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("200 requests per 30 seconds"), e.getMessage());
    }

    @Test
    void serverErrorsAreRetried() {
        AtomicInteger calls = new AtomicInteger();
        fake.handler = r -> calls.incrementAndGet() <= 2 ? Routes.json(503, "{\"error\":{\"message\":\"unavailable\"}}") : fake.answer(r);
        assertEquals(FakeLogAnalytics.ROWS, run("Events", QueryOptions.defaults()).size());
        assertEquals(3, calls.get());
    }

    @Test
    void aServiceSideTimeoutIsNotRetriedAndSaysWhatToDo() {
        fake.handler = r -> Routes.json(504, "{\"error\":{\"message\":\"The query timed out\",\"code\":\"GatewayTimeout\"}}");
        QueryException e = assertThrows(QueryException.class, () -> run("Events", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("split_by"), e.getMessage());
        assertEquals(1, queries().size());
    }

    @Test
    void malformedAndTruncatedBodiesAreReportedAsSuch() {
        fake.handler = r -> Routes.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + FakeLogAnalytics.COLUMNS
                + ",\"rows\":[" + FakeLogAnalytics.row(0) + ",[oops]]}]}");
        QueryException e = assertThrows(QueryException.class, () -> run("Events", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("after 1 rows"), e.getMessage());

        StringBuilder big = new StringBuilder("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + FakeLogAnalytics.COLUMNS + ",\"rows\":[");
        for (int i = 0; i < 5000; i++) {
            big.append(i == 0 ? "" : ",").append(FakeLogAnalytics.row(i % FakeLogAnalytics.ROWS));
        }
        big.append("]}]}");
        fake.handler = r -> Bodies.cutHalfway(big.toString());
        e = assertThrows(QueryException.class, () -> run("Events", QueryOptions.defaults().withTimeout(Duration.ofSeconds(20))));
        assertTrue(e.getMessage().contains("ended early"), e.getMessage());

        fake.handler = r -> Routes.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + FakeLogAnalytics.COLUMNS
                + ",\"rows\":[[\"2024-03-01T00:00:00Z\",\"h\"]]}]}");
        e = assertThrows(QueryException.class, () -> run("Events", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("row 1 of the Log Analytics result has 2 values for 10 columns"), e.getMessage());

        fake.handler = r -> Routes.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"n\",\"type\":\"long\"}],"
                + "\"rows\":[[1],[\"n/a\"]]}]}");
        e = assertThrows(QueryException.class, () -> run("Events", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("row 2, column n (LONG)"), e.getMessage());
        assertTrue(e.getMessage().contains("'n/a'"), e.getMessage());
    }

    @Test
    void anEchoedSecretNeverReachesAnErrorMessage() {
        fake.handler = r -> Routes.json(400, "{\"error\":{\"message\":\"bad request: token=" + fake.aad.lastToken() + " secret="
                + SECRET + "\",\"code\":\"BadArgumentError\"}}");
        QueryException e = assertThrows(QueryException.class, () -> run("Events", QueryOptions.defaults()));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains(fake.aad.lastToken()), e.getMessage());
        assertTrue(e.getMessage().contains("token=**** secret=****"), e.getMessage());
    }

    @Test
    void theQueryTimeoutIsEnforcedAndNamed() {
        fake.handler = r -> new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build();
        long t0 = System.nanoTime();
        QueryException e = assertThrows(QueryException.class, () -> run("Events", QueryOptions.defaults().withTimeout(Duration.ofMillis(500))));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4));
        assertTrue(e.getMessage().contains("timed out after 500ms"), e.getMessage());
        assertTrue(queries().get(0).getHeaders().get("Prefer").equals("wait=1"), "the service is told the time left");
    }

    @Test
    void aHugeResultStreamsInBoundedMemory() {
        int n = 400_000;
        fake.handler = r -> new MockResponse.Builder().setHeader("Content-Type", "application/json").body(Bodies.generated(sink -> {
            sink.writeUtf8("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + FakeLogAnalytics.COLUMNS + ",\"rows\":[");
            for (int i = 0; i < n; i++) {
                sink.writeUtf8(i == 0 ? "" : ",").writeUtf8(FakeLogAnalytics.row(i % FakeLogAnalytics.ROWS));
            }
            sink.writeUtf8("]}]}");
        })).build();
        Runtime rt = Runtime.getRuntime();
        long count = 0;
        long baseline = 0;
        long peak = 0;
        try (ResultStream rs = connect(Map.of()).execute("Events", QueryOptions.defaults())) {
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                count++;
                if (count == 20_000) {
                    baseline = used(rt);
                } else if (count % 100_000 == 0) {
                    peak = Math.max(peak, used(rt));
                }
            }
        }
        assertEquals(n, count);
        // the body is about 100 MB; a whole-body string or tree would need several times that
        assertTrue(peak - baseline < 32L << 20, "heap grew by " + ((peak - baseline) >> 20) + " MB while streaming");
    }

    private static long used(Runtime rt) {
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void sovereignCloudsPickTheirEndpoints() {
        Map<String, Object> m = new HashMap<>(Map.of("workspace_id", WORKSPACE, "tenant_id", "t", "client_id", "c",
                "client_secret", "s3cret-value", "cloud", "usgov"));
        SentinelSettings s = SentinelSettings.from(new dev.hunt4j.api.PluginSettings("s", "providers.s", m, dir));
        assertEquals("https://api.loganalytics.us", s.apiUrl());
        assertEquals("https://login.microsoftonline.us", s.cloud().login());
        m.put("cloud", "china");
        s = SentinelSettings.from(new dev.hunt4j.api.PluginSettings("s", "providers.s", m, dir));
        assertEquals("https://api.loganalytics.azure.cn", s.apiUrl());
        m.put("api_url", "https://la.example.org/");
        s = SentinelSettings.from(new dev.hunt4j.api.PluginSettings("s", "providers.s", m, dir));
        assertEquals("https://la.example.org", s.apiUrl());
    }

    @Test
    void rowLimitStopsReadingAndReleasesTheConnection() {
        try (ResultStream rs = connect(Map.of()).execute("Events", QueryOptions.defaults().withMaxRows(3))) {
            assertEquals(3, rs.toList().size());
        }
        assertEquals(0, ((SentinelProvider) provider).openResponses());
        Instant first = T0.plusNanos(1234500);
        assertEquals(first, run("Events | take 1", QueryOptions.defaults()).get(0)[0]);
    }
}
