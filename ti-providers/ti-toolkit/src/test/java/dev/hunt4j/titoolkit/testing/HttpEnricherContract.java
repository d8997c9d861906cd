package dev.hunt4j.titoolkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.tck.EnricherContract;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enricher TCK against a loopback server playing the service, plus what every HTTP TI plugin must do with the
 * service's failures: 401 becomes an {@link AuthenticationException} that does not show the key, 429 a
 * {@link ThrottledException} carrying {@code Retry-After}, 5xx an exception for the engine to retry — each after
 * exactly one request, since retries are the engine's — and a body that is not JSON an {@code ERROR} result.
 * A subclass answers requests the way the service documents ({@link #answer}) and names the observables it knows.
 */
public abstract class HttpEnricherContract extends EnricherContract {
    /** The API key every subclass configures; it must never show. */
    protected static final String API_KEY = "k3y-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "-test";

    protected static MockWebServer server;
    protected static final List<RecordedRequest> REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile MockResponse forced;
    private static volatile HttpEnricherContract current;

    @BeforeAll
    static void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                REQUESTS.add(request);
                MockResponse f = forced;
                return f != null ? f : current.answer(request);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        current = this;
        forced = null;
        REQUESTS.clear();
    }

    /** Answers one request as the service documents it (hits, misses), or with a 404 for anything else. */
    protected abstract MockResponse answer(RecordedRequest request);

    /** The plugin's own settings besides the base URL and key (e.g. a second key); empty by default. */
    protected Map<String, Object> extraSettings() {
        return Map.of();
    }

    /** The setting holding the base URL. */
    protected String baseUrlKey() {
        return "base_url";
    }

    /** The value of {@link #baseUrlKey()}: the loopback server's root by default. */
    protected String baseUrl() {
        return server.url("/").toString();
    }

    /** The setting holding the key. */
    protected String apiKeyKey() {
        return "api_key";
    }

    /** Checks the key went where the service wants it. */
    protected abstract void checkAuthentication(RecordedRequest request);

    @Override
    protected PluginSettings settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(baseUrlKey(), baseUrl());
        m.put(apiKeyKey(), new Secret(API_KEY, "env:TEST_KEY"));
        m.putAll(extraSettings());
        return new PluginSettings("svc", "enrichers.svc", m, null);
    }

    @Override
    protected List<String> secretValues() {
        return List.of(API_KEY);
    }

    /** A JSON response. */
    protected static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private Map.Entry<String, IocType> someKnown() {
        return knownObservables().entrySet().iterator().next();
    }

    @Test
    void requestsCarryTheKeyWhereTheServiceWantsIt() {
        Map.Entry<String, IocType> k = someKnown();
        enricher().lookup(k.getKey(), k.getValue());
        assertFalse(REQUESTS.isEmpty(), "no request reached the server");
        REQUESTS.forEach(this::checkAuthentication);
    }

    @Test
    void unauthorisedIsAnAuthenticationErrorThatDoesNotShowTheKey() {
        forced = json(401, "{\"error\": {\"code\": \"WrongCredentialsError\", \"message\": \"Wrong API key " + API_KEY + "\"}}");
        Map.Entry<String, IocType> k = someKnown();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> enricher().lookup(k.getKey(), k.getValue()));
        assertFalse(e.getMessage().contains(API_KEY), e.getMessage());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertEquals(1, REQUESTS.size(), "not retried by the plugin");
    }

    @Test
    void throttlingCarriesTheServicesRetryAfter() {
        forced = new MockResponse.Builder().code(429).setHeader("Retry-After", "17")
                .body("{\"error\": {\"code\": \"QuotaExceededError\", \"message\": \"Quota exceeded\"}}").build();
        Map.Entry<String, IocType> k = someKnown();
        ThrottledException e = assertThrows(ThrottledException.class, () -> enricher().lookup(k.getKey(), k.getValue()));
        assertEquals(Duration.ofSeconds(17), e.retryAfter().orElseThrow());
        assertEquals(1, REQUESTS.size(), "the engine waits and retries, not the plugin");
    }

    @Test
    void aServerErrorIsThrownForTheEngineToRetry() {
        forced = json(503, "{\"message\": \"upstream unavailable\"}");
        Map.Entry<String, IocType> k = someKnown();
        Hunt4jException e = assertThrows(Hunt4jException.class, () -> enricher().lookup(k.getKey(), k.getValue()));
        assertFalse(e instanceof AuthenticationException || e instanceof ThrottledException, e.toString());
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        assertEquals(1, REQUESTS.size());
    }

    @Test
    void aBodyThatIsNotJsonIsAnErrorResult() {
        forced = json(200, "{\"data\": {\"attributes\": [1, 2,");
        Map.Entry<String, IocType> k = someKnown();
        TiResult r = enricher().lookup(k.getKey(), k.getValue());
        assertEquals(LookupStatus.ERROR, r.status(), String.valueOf(r));
        assertNotNull(r.message(), "the result should say what is wrong with the answer");
    }
}
