package dev.hunt4j.provider.sentinel;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.testing.FakeAzureAd;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback Log Analytics: the Azure AD token endpoint plus {@code POST /v1/workspaces/{id}/query} answering in the
 * documented wire format. Its "KQL engine" knows one table, {@code Events} (72 rows, one per 61 minutes from
 * 2024-03-01, with a column of every Kusto type), {@code | take N}, and the {@code timespan} parameter; anything with
 * {@code wher } or {@code ===} is a syntax error answered as the service does. Tests can replace the query handler.
 */
final class FakeLogAnalytics {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "66b9818a-26cd-4584-8eb0-7f7a499242aa";
    static final String SECRET = "Xq8~la-secret.value";
    static final String WORKSPACE = "52b1ab41-869e-4138-9e40-2a4457f09bf3";
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final int ROWS = 72;
    private static final Pattern TAKE = Pattern.compile("\\|\\s*take\\s+(\\d+)");

    final MockWebServer server;
    final FakeAzureAd aad = new FakeAzureAd(TENANT, CLIENT, SECRET, null);
    final Routes routes = new Routes();
    volatile Function<RecordedRequest, MockResponse> handler = this::answer;

    FakeLogAnalytics(MockWebServer server) {
        this.server = server;
        aad.install(routes);
        routes.on("POST", "/v1/workspaces/", r -> {
            String auth = r.getHeaders().get("Authorization");
            if (auth == null || !auth.equals("Bearer " + aad.lastToken())) {
                return Routes.json(401, "{\"error\":{\"message\":\"The provided authentication is not valid for this resource\","
                        + "\"code\":\"InvalidTokenError\"}}");
            }
            return handler.apply(r);
        });
        server.setDispatcher(routes);
    }

    /** Settings pointing at this server, plus {@code extra}. */
    PluginSettings settings(Path dir, Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("workspace_id", WORKSPACE, "tenant_id", TENANT, "client_id", CLIENT,
                "client_secret", new Secret(SECRET, "env:LA_SECRET"), "login_url", server.url("/").toString(),
                "api_url", server.url("/").toString(), "retry_backoff", "10ms"));
        m.putAll(extra);
        return new PluginSettings("sentinel-test", "providers.sentinel-test", m, dir);
    }

    /** The JSON body of a query request. */
    static Object body(RecordedRequest r) {
        return ErrorBodies.parse(r.getBody().utf8());
    }

    static TimeRange timespan(RecordedRequest r) {
        String ts = ErrorBodies.text(body(r), "timespan");
        if (ts == null) {
            return null;
        }
        String[] parts = ts.split("/");
        return new TimeRange(Instant.parse(parts[0]), Instant.parse(parts[1]));
    }

    static final String COLUMNS = "[{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},{\"name\":\"Computer\",\"type\":\"string\"},"
            + "{\"name\":\"EventID\",\"type\":\"int\"},{\"name\":\"Bytes\",\"type\":\"long\"},{\"name\":\"Score\",\"type\":\"real\"},"
            + "{\"name\":\"Elevated\",\"type\":\"bool\"},{\"name\":\"ActivityId\",\"type\":\"guid\"},{\"name\":\"Duration\",\"type\":\"timespan\"},"
            + "{\"name\":\"Entities\",\"type\":\"dynamic\"},{\"name\":\"CommandLine\",\"type\":\"string\"}]";

    /** Row {@code i} of the Events table, as Log Analytics writes it. */
    static String row(int i) {
        Instant t = T0.plus(Duration.ofMinutes(61L * i)).plusNanos(1234500);
        return "[\"" + t + "\",\"host-" + (i % 4) + ".contoso.com\"," + (i % 3 == 0 ? 4624 : 4688) + "," + (i * 1_000_000_000L) + ","
                + (i % 10 == 0 ? "\"NaN\"" : String.valueOf(i * 1.5)) + "," + (i % 2 == 0) + ",\"0000000" + (i % 10) + "-1111-2222-3333-444444444444\","
                + "\"00:0" + (i % 10) + ":30\",\"{\\\"Host\\\":\\\"host-" + (i % 4) + "\\\",\\\"n\\\":" + i + "}\","
                + (i % 7 == 0 ? "null" : "\"cmd.exe /c \\\"echo " + i + "\\\"\"") + "]";
    }

    /** The default query handler: the Events table, filtered by timespan and take. */
    MockResponse answer(RecordedRequest r) {
        String query = ErrorBodies.text(body(r), "query");
        if (query.contains("wher ") || query.contains("===")) {
            return syntaxError(query);
        }
        TimeRange range = timespan(r);
        int take = Integer.MAX_VALUE;
        Matcher m = TAKE.matcher(query);
        if (m.find()) {
            take = Integer.parseInt(m.group(1));
        }
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ROWS && rows.size() < take; i++) {
            Instant t = T0.plus(Duration.ofMinutes(61L * i)).plusNanos(1234500);
            if (range == null || range.contains(t)) {
                rows.add(row(i));
            }
        }
        return Routes.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + COLUMNS + ",\"rows\":["
                + String.join(",", rows) + "]}]}");
    }

    static MockResponse syntaxError(String query) {
        return Routes.json(400, "{\"error\":{\"message\":\"The request had some invalid properties\",\"code\":\"BadArgumentError\","
                + "\"correlationId\":\"6f1e5a4e-0000-0000-0000-000000000000\",\"innererror\":{\"code\":\"SyntaxError\","
                + "\"message\":\"A recognition error occurred in the query.\",\"innererror\":{\"code\":\"SYN0002\","
                + "\"message\":\"Query could not be parsed at 'wher' on line [1,9]\",\"line\":1,\"pos\":9,\"token\":\"wher\"}}}}");
    }
}
