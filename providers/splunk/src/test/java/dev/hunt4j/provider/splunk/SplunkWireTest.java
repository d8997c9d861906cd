package dev.hunt4j.provider.splunk;

import static dev.hunt4j.provider.splunk.FakeSplunk.T0;
import static dev.hunt4j.provider.splunk.FakeSplunk.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.testing.Bodies;
import dev.hunt4j.toolkit.testing.Forms;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Splunk client against a loopback server: jobs, polling, paging, export, errors, auth, TLS. */
class SplunkWireTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    FakeSplunk fake;
    QueryProvider provider;

    @BeforeEach
    void start() {
        fake = new FakeSplunk(server);
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
        provider = new SplunkProviderFactory().connect(fake.settings(dir, extra));
        return provider;
    }

    List<Object[]> run(Map<String, Object> extra, String query, QueryOptions options) {
        try (ResultStream rs = connect(extra).execute(query, options)) {
            return rs.toList();
        }
    }

    List<RecordedRequest> pages() {
        return fake.routes.requests("/services/search/v2/jobs/");
    }

    @Test
    void aJobIsCreatedPolledPagedAndDeleted() throws Exception {
        TimeRange range = new TimeRange(T0, T0.plus(Duration.ofDays(1)));
        List<Object[]> rows = run(Map.of(), "index=main EventCode=4688", QueryOptions.defaults().withTimeRange(range));
        assertEquals(24, rows.size());
        RecordedRequest create = fake.routes.requests("/services/search/jobs").get(0);
        assertEquals("POST", create.getMethod());
        assertEquals("Bearer " + TOKEN, create.getHeaders().get("Authorization"));
        Map<String, String> form = Forms.parse(create);
        assertEquals("search index=main EventCode=4688", form.get("search"), "plain terms get the search command");
        assertEquals("json", form.get("output_mode"));
        assertEquals("1709251200.000", form.get("earliest_time"));
        assertEquals("1709337600.000", form.get("latest_time"));
        assertEquals(String.valueOf(SplunkSettings.DEFAULT_MAX_COUNT), form.get("max_count"));
        assertTrue(fake.routes.requests("/services/search/jobs/").stream().filter(r -> r.getMethod().equals("GET")).count() >= 2,
                "polled until done");
        RecordedRequest page = pages().get(0);
        assertEquals("json", page.getUrl().queryParameter("output_mode"));
        assertEquals("0", page.getUrl().queryParameter("offset"));
        assertEquals("24", page.getUrl().queryParameter("count"));
        waitFor(() -> fake.deleted.size() == 1);
    }

    @Test
    void everyRowComesBackWhereSplunkWouldStopAt100() {
        // no count parameter would get Splunk's default 100; the job has 250 results
        List<Object[]> rows = run(Map.of(), "search rows=250", QueryOptions.defaults());
        assertEquals(250, rows.size());
        assertEquals("249", rows.get(249)[3]);
    }

    @Test
    void aServerCapBelowThePageSizeIsPagedThrough() {
        fake.maxResultRows = 30;
        List<Object[]> rows = run(Map.of("page_size", 50), "search rows=100", QueryOptions.defaults());
        assertEquals(100, rows.size());
        assertEquals(List.of("0", "30", "60", "90"), pages().stream().map(r -> r.getUrl().queryParameter("offset")).toList());
        Set<Object> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r[3]));
        assertEquals(100, ids.size(), "each row exactly once");
    }

    @Test
    void valuesAreTypedAndMultivalueFieldsKeptAsJson() {
        try (ResultStream rs = connect(Map.of()).execute("search index=main", QueryOptions.defaults())) {
            assertEquals(FakeSplunk.FIELDS, rs.columns().stream().map(c -> c.name()).toList());
            assertEquals(ColumnType.TIMESTAMP, rs.columns().get(0).type());
            assertEquals(ColumnType.STRING, rs.columns().get(2).type());
            Object[] r0 = rs.next();
            assertEquals(T0.plusMillis(250), r0[0]);
            assertEquals("4624", r0[2]);
            assertEquals("cmd.exe /c \"echo 0\"", r0[4]);
            assertEquals("[\"process\",\"endpoint\"]", r0[5]);
            assertEquals(null, rs.next()[5]);
        }
    }

    @Test
    void aBrokenPageIsFetchedAgainFromWhereItBroke() {
        AtomicInteger cuts = new AtomicInteger();
        fake.resultsHook = r -> {
            if ("0".equals(r.getUrl().queryParameter("offset")) && cuts.getAndIncrement() == 0) {
                StringBuilder sb = new StringBuilder("{\"preview\":false,\"fields\":[\"_time\",\"host\",\"EventCode\",\"id\"],\"results\":[");
                for (int i = 0; i < 2000; i++) {
                    sb.append(i == 0 ? "" : ",").append(FakeSplunk.event(i));
                }
                return Bodies.cutHalfway(sb.append("]}").toString());
            }
            return null;
        };
        List<Object[]> rows = run(Map.of(), "search rows=2000", QueryOptions.defaults().withTimeout(Duration.ofSeconds(30)));
        assertEquals(2000, rows.size());
        Set<Object> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r[3]));
        assertEquals(2000, ids.size(), "no row twice, none missing");
        assertTrue(Integer.parseInt(pages().get(1).getUrl().queryParameter("offset")) > 0, "resumed past the rows already read");
    }

    @Test
    void anEmptyPageBeforeTheEndIsAnErrorNotASilentEnd() {
        fake.resultsHook = r -> "30".equals(r.getUrl().queryParameter("offset"))
                ? Routes.json(200, "{\"preview\":false,\"fields\":[],\"results\":[]}") : null;
        QueryException e = assertThrows(QueryException.class, () -> run(Map.of("page_size", 30), "search rows=100", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("no results at offset 30 although job"), e.getMessage());
        assertTrue(e.getMessage().contains("reported 100 results"), e.getMessage());
    }

    @Test
    void aSyntaxErrorCarriesSplunksMessage() {
        QueryException e = assertThrows(QueryException.class, () -> connect(Map.of()).execute("search x | wher y", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("FATAL: Error in 'search' command: Unable to parse the search: unknown command 'wher'."),
                e.getMessage());
    }

    @Test
    void aFailedJobSaysWhy() {
        QueryException e = assertThrows(QueryException.class, () -> run(Map.of(), "search fail_me", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("ran out of memory"), e.getMessage());
        waitFor(() -> fake.deleted.size() == 1);
    }

    @Test
    void aRefusedTokenNamesTheSettingButNotTheToken() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> run(Map.of("token", new Secret("wrong-token-value", "env:SPLUNK_TOKEN")), "search x", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("call not properly authenticated"), e.getMessage());
        assertTrue(e.getMessage().contains("providers.splunk-test.token"), e.getMessage());
        assertTrue(e.getMessage().contains("env:SPLUNK_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token-value"), e.getMessage());
    }

    @Test
    void basicAuthWorksAndItsHeaderIsNeverShown() {
        PluginSettings s = fake.settings(dir, Map.of());
        Map<String, Object> settings = new HashMap<>(s.settings());
        settings.remove("token");
        settings.putAll(Map.of("username", "hunter", "password", new Secret("spl-password-1", "env:SPLUNK_PW")));
        provider = new SplunkProviderFactory().connect(new PluginSettings("s", "providers.s", settings, dir));
        assertEquals(FakeSplunk.ROWS, provider.execute("search x", QueryOptions.defaults()).toList().size());
        String header = FakeSplunk.basic();
        fake.resultsHook = r -> Routes.json(400, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"bad header " + header.substring(6) + "\"}]}");
        QueryException e = assertThrows(QueryException.class, () -> provider.execute("search x", QueryOptions.defaults()).toList());
        assertFalse(e.getMessage().contains(header.substring(6)), e.getMessage());
    }

    @Test
    void searchQuotaIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        fake.routes.on("POST", "/services/search/jobs", r -> calls.incrementAndGet() == 1
                ? Routes.json(503, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Search not executed: The maximum number of concurrent "
                        + "historical searches for this user based on their role quota has been reached.\"}]}")
                : Routes.json(201, "{\"sid\":\"q1\"}"));
        fake.jobs.put("q1", new FakeSplunk.Job(Map.of("search", "search rows=5")));
        assertEquals(5, run(Map.of(), "search rows=5", QueryOptions.defaults()).size());
        assertEquals(2, calls.get());
    }

    @Test
    void cancellingWhileTheJobRunsStopsAndDeletesIt() throws Exception {
        fake.pollsBeforeDone = 1_000_000;
        Cancellation c = new Cancellation();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            c.cancel();
        });
        t.start();
        long t0 = System.nanoTime();
        QueryException e = assertThrows(QueryException.class, () -> connect(Map.of()).execute("search x", QueryOptions.defaults().withCancellation(c)));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        t.join();
        waitFor(() -> fake.deleted.size() == 1);
    }

    @Test
    void aJobThatNeverFinishesHitsTheTimeoutByName() {
        fake.pollsBeforeDone = 1_000_000;
        QueryException e = assertThrows(QueryException.class, () -> connect(Map.of()).execute("search x",
                QueryOptions.defaults().withTimeout(Duration.ofMillis(600))));
        assertTrue(e.getMessage().contains("timed out after 600ms"), e.getMessage());
    }

    @Test
    void exportStreamsSkipsPreviewsAndRaisesStreamErrors() {
        List<Object[]> rows = run(Map.of("mode", "export"), "search rows=1500", QueryOptions.defaults());
        assertEquals(1500, rows.size());
        assertEquals("1499", rows.get(1499)[3]);
        try (ResultStream rs = connect(Map.of("mode", "export")).execute("search rows=50 fail_midway", QueryOptions.defaults())) {
            for (int i = 0; i < 5; i++) {
                rs.next();
            }
            QueryException e = assertThrows(QueryException.class, rs::next);
            assertTrue(e.getMessage().contains("Search process died on indexer idx-2"), e.getMessage());
            assertTrue(e.getMessage().contains("after 5 results"), e.getMessage());
        }
    }

    @Test
    void olderServersWithoutV2PathsAreUsedThroughV1() {
        fake.resultsHook = r -> Routes.json(404, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Not Found\"}]}");
        fake.routes.on("GET", "/services/search/jobs/", r -> {
            if (r.getUrl().encodedPath().endsWith("/results")) {
                return Routes.json(200, "{\"preview\":false,\"fields\":[\"_time\",\"id\"],\"results\":[{\"_time\":\"2024-03-01T00:00:00.000+00:00\",\"id\":\"1\"}]}");
            }
            return Routes.json(200, "{\"entry\":[{\"content\":{\"dispatchState\":\"DONE\",\"isDone\":true,\"resultCount\":1}}]}");
        });
        assertEquals(1, run(Map.of(), "search x", QueryOptions.defaults()).size());
    }

    @Test
    void timeChunksAreSeparateJobsWithTheirOwnBounds() {
        TimeRange threeDays = new TimeRange(T0, T0.plus(Duration.ofDays(3)));
        List<Object[]> rows = run(Map.of("split_by", "1d", "max_parallel", 3), "search index=main", QueryOptions.defaults().withTimeRange(threeDays));
        assertEquals(71, rows.size());
        List<String> earliest = fake.routes.requests("/services/search/jobs").stream().filter(r -> r.getMethod().equals("POST"))
                .map(r -> Forms.parse(r).get("earliest_time")).sorted().toList();
        assertEquals(List.of("1709251200.000", "1709337600.000", "1709424000.000"), earliest);
    }

    @Test
    void aLargeResultIsPagedInBoundedMemory() {
        List<Object[]> kept = new java.util.ArrayList<>();
        long n = 0;
        try (ResultStream rs = connect(Map.of("page_size", 10_000)).execute("search rows=50000", QueryOptions.defaults())) {
            for (Object[] r = rs.next(); r != null; r = rs.next()) {
                if (n++ % 10_000 == 0) {
                    kept.add(r);
                }
            }
        }
        assertEquals(50_000, n);
        assertEquals(5, pages().size());
        assertEquals("40000", kept.get(4)[3]);
    }

    @Test
    void tlsIsVerifiedAndCaFileTrustsAPrivateCa() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("corp CA").build();
        HeldCertificate leaf = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName(server.getHostName()).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
        QueryException e = assertThrows(QueryException.class, () -> run(Map.of("http_scheme", "https"), "search x", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("ca_file"), e.getMessage());
        Path caFile = dir.resolve("corp-ca.pem");
        Files.writeString(caFile, ca.certificatePem());
        assertEquals(FakeSplunk.ROWS, run(Map.of("http_scheme", "https", "ca_file", caFile.toString()), "search x", QueryOptions.defaults()).size());
    }

    @Test
    void settingsAreCheckedWithTheirKeyPaths() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SplunkSettings.from(new PluginSettings("s", "providers.s", Map.of("token", "abcd-token"), dir)));
        assertTrue(e.getMessage().contains("providers.s.host"), e.getMessage());
        e = assertThrows(ConfigurationException.class,
                () -> SplunkSettings.from(new PluginSettings("s", "providers.s", Map.of("host", "h", "username", "u"), dir)));
        assertTrue(e.getMessage().contains("password is missing"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> SplunkSettings.from(new PluginSettings("s", "providers.s",
                Map.of("host", "h", "token", "abcd-token", "mode", "stream"), dir)));
        assertTrue(e.getMessage().contains("providers.s.mode"), e.getMessage());
        SplunkSettings s = SplunkSettings.from(new PluginSettings("s", "providers.s", Map.of("host", "splunk.example.org",
                "bearer_token", "abcd-token", "owner", "admin", "app", "search"), dir));
        assertEquals("https://splunk.example.org:8089/servicesNS/admin/search", s.base().toString());
        // DataProviders.Splunk Args from msticpyconfig
        for (String k : List.of("host", "port", "username", "password", "http_scheme", "verify", "owner", "app", "sharing", "token",
                "cookie", "autologin", "bearer_token", "ca_file")) {
            assertTrue(new SplunkProviderFactory().knownSettings().containsKey(k), k);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 5 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
