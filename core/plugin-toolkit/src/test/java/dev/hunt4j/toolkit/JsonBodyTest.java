package dev.hunt4j.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.toolkit.testing.Bodies;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** Bodies that end early or are not JSON are reported as such, with redacted messages. */
class JsonBodyTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    QueryException readAll(MockResponse response) {
        return read(response, resp -> {
            try (JsonBody body = new JsonBody(resp, "the TestService response")) {
                for (JsonToken tok = body.next("in the rows"); tok != null; tok = body.next("in the rows")) {
                    // read to the end
                }
            }
        });
    }

    /** Runs {@code reader} on the response, expects it to fail, checks the response was released. */
    QueryException read(MockResponse response, java.util.function.Consumer<OpenResponse> reader) {
        PluginSettings s = new PluginSettings("t", "providers.t", Map.of("token", new Secret("leaky-secret-value", "inline")), null);
        try (HttpTransport t = new HttpTransport(HttpSettings.from(s), Redactor.of(s))) {
            server.enqueue(response);
            OpenResponse resp = t.send(new Request.Builder().url(server.url("/")).build(), null, HttpTransportTest.ERRORS,
                    new QueryScope("TestService", QueryOptions.defaults().withTimeout(java.time.Duration.ofSeconds(10)), t.redactor()),
                    "running the query");
            QueryException e = assertThrows(QueryException.class, () -> reader.accept(resp));
            assertEquals(0, t.openResponses());
            return e;
        }
    }

    @Test
    void aBodyCutByTheServerIsTruncated() {
        String full = "{\"rows\":[" + "[1,2,3],".repeat(2000) + "[4,5,6]]}";
        QueryException e = readAll(Bodies.cutHalfway(full));
        assertTrue(e.getMessage().contains("ended early"), e.getMessage());
    }

    @Test
    void aSyntacticallyIncompleteBodyIsTruncated() {
        QueryException e = readAll(new MockResponse.Builder().body("{\"rows\":[[1,2],[3,").build());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void malformedJsonNamesLineAndColumnButNotTheSecretItQuotes() {
        QueryException e = readAll(new MockResponse.Builder().body("{\"rows\":\n[leaky-secret-value]}").build());
        assertTrue(e.getMessage().contains("not valid JSON at line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("leaky-secret-value"), e.getMessage());
        assertFalse(String.valueOf(e.getCause()).contains("leaky-secret-value"), String.valueOf(e.getCause()));
    }

    @Test
    void aHeadThatFailsReleasesTheResponseAndSaysBeforeTheFirstRow() {
        // no try-with-resources here: readHead itself must release the response (read() checks it was)
        QueryException e = read(new MockResponse.Builder().body("{\"columns\":[{\"name\":").build(), resp -> {
            JsonBody body = new JsonBody(resp, "the TestService response");
            body.readHead(() -> {
                while (body.parser().nextToken() != null) {
                    // read to the (early) end
                }
                return null;
            });
        });
        assertTrue(e.getMessage().contains("ended early"), e.getMessage());
        assertTrue(e.getMessage().contains("before the first row"), e.getMessage());
    }

    @Test
    void aHeadThatRejectsTheBodyReleasesTheResponseAndKeepsItsError() {
        QueryException e = read(new MockResponse.Builder().body("{\"tables\":[]}").build(), resp -> {
            JsonBody body = new JsonBody(resp, "the TestService response");
            body.readHead(() -> {
                throw body.scope().error("the TestService response has no result table");
            });
        });
        assertTrue(e.getMessage().contains("has no result table"), e.getMessage());
    }
}
