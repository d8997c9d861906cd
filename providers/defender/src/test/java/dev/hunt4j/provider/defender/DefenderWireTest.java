package dev.hunt4j.provider.defender;

import static dev.hunt4j.provider.defender.FakeDefender.GRAPH_PATH;
import static dev.hunt4j.provider.defender.FakeDefender.MDE_PATH;
import static dev.hunt4j.provider.defender.FakeDefender.SECRET;
import static dev.hunt4j.provider.defender.FakeDefender.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.testing.Bodies;
import dev.hunt4j.toolkit.testing.Forms;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both advanced-hunting APIs against a loopback server: wire format, types, rate limits, errors, time ranges. */
class DefenderWireTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    FakeDefender fake;
    QueryProvider provider;

    @BeforeEach
    void start() {
        fake = new FakeDefender(server);
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
        provider = new DefenderProviderFactory().connect(fake.settings(dir, extra));
        return provider;
    }

    List<Object[]> run(Map<String, Object> extra, String query, QueryOptions options) {
        try (ResultStream rs = connect(extra).execute(query, options)) {
            return rs.toList();
        }
    }

    @Test
    void graphRequestCarriesQueryAndTimespan() {
        TimeRange range = new TimeRange(T0, T0.plus(Duration.ofHours(6)));
        List<Object[]> rows = run(Map.of(), "DeviceProcessEvents | take 10", QueryOptions.defaults().withTimeRange(range));
        assertEquals(6, rows.size());
        RecordedRequest q = fake.routes.requests(GRAPH_PATH).get(0);
        assertEquals("Bearer token-1", q.getHeaders().get("Authorization"));
        Object body = FakeDefender.body(q);
        assertEquals("DeviceProcessEvents | take 10", ErrorBodies.text(body, "Query"));
        assertEquals("2024-03-01T00:00:00Z/2024-03-01T06:00:00Z", ErrorBodies.text(body, "Timespan"));
        Map<String, String> form = Forms.parse(fake.routes.requests(fake.aad.path()).get(0));
        assertEquals(server.url("/") + ".default", form.get("scope"));
    }

    @Test
    void mdeRequestCarriesOnlyTheQueryAndTheRangeIsAppliedToTheRows() {
        TimeRange range = new TimeRange(T0, T0.plus(Duration.ofHours(6)));
        List<Object[]> rows = run(Map.of("api", "mde"), "DeviceProcessEvents", QueryOptions.defaults().withTimeRange(range));
        assertEquals(6, rows.size());
        RecordedRequest q = fake.routes.requests(MDE_PATH).get(0);
        Object body = FakeDefender.body(q);
        assertEquals("DeviceProcessEvents", ErrorBodies.text(body, "Query"));
        assertNull(ErrorBodies.at(body, "Timespan"));
        Map<String, String> form = Forms.parse(fake.routes.requests(fake.aad.path()).get(0));
        assertEquals("https://api.securitycenter.microsoft.com/.default", form.get("scope"), "the MDE audience, whatever the host");
    }

    @Test
    void schemaTypesOfBothApisMapToJavaTypes() {
        for (String api : List.of("graph", "mde")) {
            try (ResultStream rs = connect(Map.of("api", api)).execute("DeviceProcessEvents", QueryOptions.defaults())) {
                assertEquals(List.of(ColumnType.TIMESTAMP, ColumnType.STRING, ColumnType.LONG, ColumnType.LONG, ColumnType.DOUBLE,
                        ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.JSON, ColumnType.STRING),
                        rs.columns().stream().map(Column::type).toList(), api);
                Object[] r = rs.next();
                assertEquals(T0.plusNanos(768_864_100), r[0]);
                assertEquals("wks-0.contoso.com", r[1]);
                assertEquals(4000L, r[2]);
                assertEquals(0L, r[3]);
                assertEquals(0.0, r[4]);
                assertEquals(true, r[5]);
                assertEquals("00000000-0000-0000-0000-000000000000", r[6]);
                assertEquals("{\"Integrity\":\"High\",\"n\":0}", r[7]);
                assertNull(r[8], "a missing key is null");
                assertEquals("powershell -enc SQBFAFgA1", rs.next()[8]);
            }
        }
    }

    @Test
    void aSyntaxErrorCarriesTheServiceMessage() {
        QueryException e = assertThrows(QueryException.class, () -> connect(Map.of()).execute("X | wher y", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("BadRequest: Query could not be parsed at 'wher' on line [1,22]"), e.getMessage());
    }

    @Test
    void callQuotaIsRetriedAfterTheWaitNamedInTheMessage() {
        AtomicInteger calls = new AtomicInteger();
        fake.handler = r -> calls.incrementAndGet() == 1
                ? Routes.json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"API calls quota exceeded! Maximal calls per "
                        + "minute is 45. Please retry in 1 seconds.\"}}")
                : fake.answer(r);
        long t0 = System.nanoTime();
        assertEquals(FakeDefender.ROWS, run(Map.of("api", "mde"), "DeviceProcessEvents", QueryOptions.defaults()).size());
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "waited as the service said");
        assertEquals(2, calls.get());
    }

    @Test
    void cpuQuotaWithALongWaitFailsAtOnceWithTheLimits() {
        fake.handler = r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "900")
                .body("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Query was throttled: the tenant exceeded its CPU quota. "
                        + "Retry after 15 minutes.\"}}").build();
        ThrottledException e = assertThrows(ThrottledException.class, () -> run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults()));
        assertEquals(Duration.ofMinutes(15), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("CPU quota"), e.getMessage());
        assertTrue(e.getMessage().contains("45 calls per minute and 1,500 per hour"), e.getMessage());
        assertTrue(e.getMessage().contains("max_retry_wait"), e.getMessage());
        assertEquals(1, fake.routes.requests(GRAPH_PATH).size());
    }

    @Test
    void forbiddenNamesThePermission() {
        fake.handler = r -> Routes.json(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Missing application roles. (secret "
                + SECRET + ")\"}}");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("ThreatHunting.Read.All"), e.getMessage());
        assertTrue(e.getMessage().contains(FakeDefender.CLIENT), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        e = assertThrows(AuthenticationException.class, () -> run(Map.of("api", "mde"), "DeviceProcessEvents", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("AdvancedQuery.Read.All"), e.getMessage());
    }

    @Test
    void aTooLargeResultSaysWhatToDo() {
        fake.handler = r -> Routes.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Query execution has exceeded the allowed "
                + "result size. Optimize your query by limiting the number of results and try again.\"}}");
        QueryException e = assertThrows(QueryException.class, () -> run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("100,000 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("split_by"), e.getMessage());
    }

    @Test
    void graphTimeChunksEachGetTheirTimespan() {
        TimeRange twoDays = new TimeRange(T0, T0.plus(Duration.ofDays(2)));
        List<Object[]> rows = run(Map.of("split_by", "12h", "max_parallel", 2), "DeviceProcessEvents",
                QueryOptions.defaults().withTimeRange(twoDays));
        assertEquals(48, rows.size());
        assertEquals(4, fake.routes.requests(GRAPH_PATH).size());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> connect(Map.of("api", "mde", "split_by", "1d")));
        assertTrue(e.getMessage().contains("split_by"), e.getMessage());
    }

    @Test
    void oddResponsesAreReportedNotGuessed() {
        fake.handler = r -> Routes.json(200, "{\"results\":[" + FakeDefender.row(0) + "],\"schema\":" + FakeDefender.schema(false) + "}");
        QueryException e = assertThrows(QueryException.class, () -> run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("results before its schema"), e.getMessage());

        fake.handler = r -> Routes.json(200, "{\"schema\":" + FakeDefender.schema(false) + ",\"results\":[" + FakeDefender.row(0)
                + ",{\"Timestamp\":\"yesterday\"}]}");
        e = assertThrows(QueryException.class, () -> run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("row 2, column Timestamp (TIMESTAMP)"), e.getMessage());

        StringBuilder big = new StringBuilder("{\"schema\":" + FakeDefender.schema(false) + ",\"results\":[");
        for (int i = 0; i < 3000; i++) {
            big.append(i == 0 ? "" : ",").append(FakeDefender.row(i % FakeDefender.ROWS));
        }
        fake.handler = r -> Bodies.cutHalfway(big.append("]}").toString());
        e = assertThrows(QueryException.class, () -> run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults().withTimeout(Duration.ofSeconds(20))));
        assertTrue(e.getMessage().contains("ended early"), e.getMessage());

        // a key the schema does not list is left out (with a WARN), the rest of the row is read
        fake.handler = r -> Routes.json(200, "{\"schema\":" + FakeDefender.schema(false) + ",\"results\":[{\"Unexpected\":[1,2],"
                + FakeDefender.row(0).substring(1) + "]}");
        List<Object[]> rows = run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults());
        assertEquals(1, rows.size());
        assertEquals("wks-0.contoso.com", rows.get(0)[1]);
    }

    @Test
    void serverErrorsAreRetriedAndALongResultStreams() {
        AtomicInteger calls = new AtomicInteger();
        int n = 50_000;
        fake.handler = r -> calls.incrementAndGet() == 1 ? Routes.json(502, "") : new MockResponse.Builder()
                .body(Bodies.generated(sink -> {
                    sink.writeUtf8("{\"schema\":" + FakeDefender.schema(false) + ",\"results\":[");
                    for (int i = 0; i < n; i++) {
                        sink.writeUtf8(i == 0 ? "" : ",").writeUtf8(FakeDefender.row(i % FakeDefender.ROWS));
                    }
                    sink.writeUtf8("]}");
                })).build();
        assertEquals(n, run(Map.of(), "DeviceProcessEvents", QueryOptions.defaults()).size());
        assertEquals(2, calls.get());
    }

    @Test
    void settingsPickEndpointsPerApiAndCloud() {
        Map<String, Object> m = new HashMap<>(Map.of("tenant_id", "t", "client_id", "c", "client_secret", "s3cret-value"));
        DefenderSettings s = DefenderSettings.from(new PluginSettings("d", "providers.d", m, dir));
        assertEquals(DefenderApi.GRAPH, s.api());
        assertEquals("https://graph.microsoft.com", s.apiUrl());
        assertEquals("https://graph.microsoft.com/.default", s.scope());
        m.put("cloud", "usgov");
        s = DefenderSettings.from(new PluginSettings("d", "providers.d", m, dir));
        assertEquals("https://graph.microsoft.us", s.apiUrl());
        m.put("api", "mde");
        s = DefenderSettings.from(new PluginSettings("d", "providers.d", m, dir));
        assertEquals("https://api-gov.securitycenter.microsoft.us", s.apiUrl());
        assertEquals("https://api-gov.securitycenter.microsoft.us/.default", s.scope());
        m.put("cloud", "china");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DefenderSettings.from(new PluginSettings("d", "providers.d", m, dir)));
        assertTrue(e.getMessage().contains("not offered in cloud 'china'"), e.getMessage());
        m.put("api", "splunk");
        e = assertThrows(ConfigurationException.class, () -> DefenderSettings.from(new PluginSettings("d", "providers.d", m, dir)));
        assertTrue(e.getMessage().contains("providers.d.api"), e.getMessage());
        for (String k : List.of("tenant_id", "client_id", "client_secret", "cloud", "api", "api_url", "split_by", "on_chunk_error")) {
            assertTrue(new DefenderProviderFactory().knownSettings().containsKey(k), k);
        }
    }
}
