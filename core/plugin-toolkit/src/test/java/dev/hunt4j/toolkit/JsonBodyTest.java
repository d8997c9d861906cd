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
        PluginSettings s = new PluginSettings("t", "providers.t", Map.of("token", new Secret("leaky-secret-value", "inline")), null);
        try (HttpTransport t = new HttpTransport(HttpSettings.from(s), Redactor.of(s))) {
            server.enqueue(response);
            OpenResponse resp = t.send(new Request.Builder().url(server.url("/")).build(), null, HttpTransportTest.ERRORS,
                    new QueryScope("TestService", QueryOptions.defaults().withTimeout(java.time.Duration.ofSeconds(10)), t.redactor()),
                    "running the query");
            QueryException e = assertThrows(QueryException.class, () -> {
                try (JsonBody body = new JsonBody(resp, "the TestService response")) {
                    for (JsonToken tok = body.next("in the rows"); tok != null; tok = body.next("in the rows")) {
                        // read to the end
                    }
                }
            });
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
}
