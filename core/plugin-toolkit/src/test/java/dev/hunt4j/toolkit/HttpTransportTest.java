package dev.hunt4j.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.toolkit.auth.BearerToken;
import dev.hunt4j.toolkit.testing.Bodies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport against a loopback server: retries, throttling, auth errors, deadlines, cancellation, TLS. */
class HttpTransportTest {
    static final String SECRET = "the-api-token-value";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    HttpTransport transport;

    static final ServiceErrors ERRORS = new ServiceErrors() {
        @Override
        public String service() {
            return "TestService";
        }

        @Override
        public String message(int status, String body) {
            return ErrorBodies.text(ErrorBodies.parse(body), "error", "message");
        }

        @Override
        public String authHint(int status, String message) {
            return "Check the test role.";
        }

        @Override
        public String throttleHint() {
            return "Limit: 5 calls per second.";
        }
    };

    HttpTransport transport(Map<String, Object> settings) {
        PluginSettings s = new PluginSettings("t", "providers.t", settings, dir);
        transport = new HttpTransport(HttpSettings.from(s), Redactor.of(s));
        return transport;
    }

    HttpTransport transport() {
        return transport(Map.of("retry_backoff", "10ms", "token", new Secret(SECRET, "env:T")));
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    QueryScope scope(QueryOptions options) {
        return new QueryScope("TestService", options, transport.redactor());
    }

    String get(QueryOptions options) throws Exception {
        Request r = new Request.Builder().url(server.url("/q")).build();
        try (OpenResponse resp = transport.send(r, new BearerToken(new Secret(SECRET, "env:T"), "test token (env:T)"), ERRORS,
                scope(options), "running the query")) {
            String body = new String(resp.body().readAllBytes(), StandardCharsets.UTF_8);
            resp.markComplete();
            return body;
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetried() throws Exception {
        transport();
        server.enqueue(json(503, "{\"error\":{\"message\":\"busy\"}}"));
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json(502, ""));
        server.enqueue(json(200, "ok"));
        assertEquals("ok", get(QueryOptions.defaults()));
        assertTrue(server.getRequestCount() >= 4, "requests: " + server.getRequestCount());
        assertEquals("Bearer " + SECRET, server.takeRequest().getHeaders().get("Authorization"));
        assertEquals(0, transport.openResponses());
    }

    @Test
    void serverErrorsGiveUpAfterMaxRetriesWithTheServiceMessage() {
        transport(Map.of("retry_backoff", "5ms", "max_retries", 2));
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(500, "{\"error\":{\"message\":\"engine exploded\"}}"));
        }
        QueryException e = assertThrows(QueryException.class, () -> get(QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("HTTP 500: engine exploded"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void throttlingHonoursRetryAfter() throws Exception {
        transport();
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("{\"error\":{\"message\":\"slow down\"}}").build());
        server.enqueue(json(200, "ok"));
        long t0 = System.nanoTime();
        assertEquals("ok", get(QueryOptions.defaults()));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(950), "waited for Retry-After");
    }

    @Test
    void aLongRetryAfterFailsAtOnceAsThrottled() {
        transport();
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600")
                .body("{\"error\":{\"message\":\"API calls quota exceeded\"}}").build());
        ThrottledException e = assertThrows(ThrottledException.class, () -> get(QueryOptions.defaults()));
        assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("API calls quota exceeded"), e.getMessage());
        assertTrue(e.getMessage().contains("max_retry_wait"), e.getMessage());
        assertTrue(e.getMessage().contains("Limit: 5 calls per second."), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void throttlingThatNeverEndsIsReportedWithTheAttempts() {
        transport(Map.of("retry_backoff", "5ms", "max_retries", 1));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("x-ms-retry-after-ms", "20").build());
        server.enqueue(new MockResponse.Builder().code(429).setHeader("x-ms-retry-after-ms", "20").build());
        ThrottledException e = assertThrows(ThrottledException.class, () -> get(QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
        assertEquals(Duration.ofMillis(20), e.retryAfter().orElseThrow());
    }

    @Test
    void authFailuresNameTheCredentialAndNeverTheSecret() {
        transport();
        server.enqueue(json(401, "{\"error\":{\"message\":\"token " + SECRET + " is not valid\"}}"));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> get(QueryOptions.defaults()));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 401 Unauthorized: token **** is not valid"), e.getMessage());
        assertTrue(e.getMessage().contains("test token (env:T)"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the test role."), e.getMessage());
        server.enqueue(json(403, "{\"error\":{\"message\":\"no access\"}}"));
        e = assertThrows(AuthenticationException.class, () -> get(QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("HTTP 403 Forbidden: no access"), e.getMessage());
    }

    @Test
    void otherClientErrorsAreRejectionsWithTheServiceMessage() {
        transport();
        server.enqueue(json(400, "{\"error\":{\"message\":\"Syntax error near 'wher' (echo: " + SECRET + ")\"}}"));
        ServiceRejection e = assertThrows(ServiceRejection.class, () -> get(QueryOptions.defaults()));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("Syntax error near 'wher'"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertEquals(1, server.getRequestCount(), "a rejection is not retried");
    }

    @Test
    void theDeadlineIsEnforcedAndNamed() {
        transport();
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("late").build());
        long t0 = System.nanoTime();
        QueryException e = assertThrows(QueryException.class, () -> get(QueryOptions.defaults().withTimeout(Duration.ofMillis(300))));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "stopped at the deadline");
        assertTrue(e.getMessage().contains("timed out after 300ms"), e.getMessage());
        assertTrue(e.getMessage().contains("QueryOptions.timeout"), e.getMessage());
    }

    @Test
    void aSlowBodyIsCutAtTheDeadlineToo() {
        transport();
        server.enqueue(new MockResponse.Builder().body("[" + "1,".repeat(5000) + "1]").throttleBody(100, 100, TimeUnit.MILLISECONDS).build());
        Request r = new Request.Builder().url(server.url("/slow")).build();
        OpenResponse resp = transport.send(r, null, ERRORS, scope(QueryOptions.defaults().withTimeout(Duration.ofMillis(400))), "running");
        QueryException e = assertThrows(QueryException.class, () -> {
            try (JsonBody body = new JsonBody(resp, "the TestService response")) {
                while (body.next("in the rows") != null) {
                    // reads slowly until the deadline
                }
            }
        });
        assertTrue(e.getMessage().contains("timed out after 400ms"), e.getMessage());
    }

    @Test
    void cancellationStopsAWaitingCall() throws Exception {
        transport();
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("late").build());
        Cancellation c = new Cancellation();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            c.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        QueryException e = assertThrows(QueryException.class, () -> get(QueryOptions.defaults().withCancellation(c)));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
        canceller.join();
    }

    @Test
    void cancellationStopsARetryWait() {
        transport(Map.of("retry_backoff", "20s"));
        server.enqueue(json(503, ""));
        Cancellation c = new Cancellation();
        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            c.cancel();
        }).start();
        long t0 = System.nanoTime();
        Hunt4jException e = assertThrows(Hunt4jException.class, () -> get(QueryOptions.defaults().withCancellation(c)));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void tlsIsVerifiedByDefaultAndCaFileAddsTrust() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("hunt4j test CA").build();
        HeldCertificate leaf = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName(server.getHostName())
                .commonName("splunk.test").build();
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(leaf).build();
        server.useHttps(serverCerts.sslSocketFactory());
        server.enqueue(json(200, "ok"));
        transport();
        QueryException e = assertThrows(QueryException.class, () -> get(QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("ca_file"), e.getMessage());
        transport.close();

        Path caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, ca.certificatePem());
        transport(Map.of("ca_file", caFile.toString()));
        server.enqueue(json(200, "ok"));
        assertEquals("ok", get(QueryOptions.defaults()));
        transport.close();

        transport(Map.of("verify", false));
        server.enqueue(json(200, "ok"));
        assertEquals("ok", get(QueryOptions.defaults()));
    }

    @Test
    void closingAHalfReadResponseReleasesItAtOnce() throws Exception {
        transport();
        server.enqueue(new MockResponse.Builder().body(Bodies.generated(sink -> {
            for (int i = 0; i < 1_000_000; i++) {
                sink.writeUtf8("row " + i + "\n");
            }
        })).build());
        Request r = new Request.Builder().url(server.url("/big")).build();
        OpenResponse resp = transport.send(r, null, ERRORS, scope(QueryOptions.defaults()), "reading");
        assertEquals(1, transport.openResponses());
        assertEquals('r', resp.body().read());
        long t0 = System.nanoTime();
        resp.close();
        resp.close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(0, transport.openResponses());
    }

    @Test
    void aBulkBodyGivesTheSameBytesAndAStallStillEndsAfterTheReadTimeout() throws Exception {
        transport(Map.of("retry_backoff", "10ms", "read_timeout", "500ms"));
        String big = "0123456789".repeat(50_000);
        server.enqueue(json(200, big));
        // 100,000 bytes, then 20 s of silence
        server.enqueue(new MockResponse.Builder().body(big).throttleBody(100_000, 20, TimeUnit.SECONDS).build());
        Request r = new Request.Builder().url(server.url("/bulk")).build();
        try (OpenResponse resp = transport.send(r, null, ERRORS, scope(QueryOptions.defaults()), "reading")) {
            assertEquals(big, new String(resp.bulkBody().readAllBytes(), StandardCharsets.US_ASCII));
            resp.markComplete();
        }
        // the second response comes over the same connection, whose timers the first one changed
        try (OpenResponse resp = transport.send(r, null, ERRORS, scope(QueryOptions.defaults()), "reading")) {
            java.io.InputStream in = resp.bulkBody();
            assertEquals(50_000, in.readNBytes(50_000).length);
            long t0 = System.nanoTime();
            assertThrows(java.net.SocketTimeoutException.class, in::readAllBytes);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "ended by the read timeout, not by the end of the stall");
        }
        assertEquals(server.takeRequest().getConnectionIndex(), server.takeRequest().getConnectionIndex(), "one connection");
    }
}
