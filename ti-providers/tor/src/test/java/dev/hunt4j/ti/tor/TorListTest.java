package dev.hunt4j.ti.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.TiResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list is downloaded once, kept on disk, refreshed after a day, and an old copy outlives a failed refresh. */
class TorListTest {
    @TempDir
    Path cache;
    MockWebServer server;
    final AtomicInteger downloads = new AtomicInteger();
    volatile String body = "185.220.101.1\n";
    volatile int code = 200;
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                downloads.incrementAndGet();
                return new MockResponse.Builder().code(code).body(body).build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TorEnricher tor() {
        return new TorEnricher(new PluginSettings("tor", "enrichers.tor", Map.of("url", server.url("/list").toString(),
                "cache_dir", cache.toString()), null), now::get);
    }

    @Test
    void theListIsDownloadedOnceKeptOnDiskAndRefreshedDaily() throws Exception {
        try (TorEnricher t = tor()) {
            TiResult r = t.lookup("185.220.101.1", IocType.IPV4);
            assertTrue(r.found());
            assertEquals(Severity.WARNING, r.severity());
            assertEquals("https://metrics.torproject.org/rs.html#search/185.220.101.1", r.reference());
            t.lookup("1.1.1.1", IocType.IPV4);
            assertEquals(1, downloads.get());
        }
        assertTrue(Files.exists(cache.resolve("exit-nodes.txt")));
        try (TorEnricher t = tor()) {
            assertTrue(t.lookup("185.220.101.1", IocType.IPV4).found());
            assertEquals(1, downloads.get(), "a fresh copy on disk is used, not downloaded again");
            body = "185.220.101.2\n";
            now.addAndGet(Duration.ofHours(25).toMillis());
            assertTrue(t.lookup("185.220.101.2", IocType.IPV4).found(), "refreshed after a day");
            assertFalse(t.lookup("185.220.101.1", IocType.IPV4).found());
            assertEquals(2, downloads.get());
            code = 503;
            now.addAndGet(Duration.ofHours(25).toMillis());
            assertTrue(t.lookup("185.220.101.2", IocType.IPV4).found(), "the old copy outlives a failed refresh");
        }
    }

    @Test
    void theExitAddressesFormatIsReadToo() {
        assertEquals(java.util.Set.of("171.25.193.20", "2001:db8:0:0:0:0:0:1"), TorEnricher.parse("""
                ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E
                Published 2026-11-20 10:04:38
                LastStatus 2026-11-20 11:00:00
                ExitAddress 171.25.193.20 2026-11-20 11:03:21
                ExitAddress 2001:db8::1 2026-11-20 11:03:21
                """));
        assertThrows(TorEnricher.NotAList.class, () -> TorEnricher.parse("<html>Service unavailable</html>"));
    }
}
