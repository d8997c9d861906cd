package dev.hunt4j.provider.defender;

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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Loopback Defender advanced hunting, both APIs, in their documented wire formats: Microsoft Graph
 * {@code POST /v1.0/security/runHuntingQuery} ({@code {"Query","Timespan"}} in; {@code schema}/{@code results} out,
 * lower-case keys) and Defender for Endpoint {@code POST /api/advancedqueries/run} ({@code {"Query"}} in;
 * {@code Stats}/{@code Schema}/{@code Results} out, capitalised keys, no time filter). The data is
 * {@code DeviceProcessEvents}: 72 rows, one per 61 minutes from 2024-03-01. A query containing {@code wher } is a
 * syntax error, answered as Graph does.
 */
final class FakeDefender {
    static final String TENANT = "8360dd21-0294-4240-9128-89611f415c53";
    static final String CLIENT = "66b9818a-26cd-4584-8eb0-7f7a499242aa";
    static final String SECRET = "md3~defender-secret";
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final int ROWS = 72;
    static final String GRAPH_PATH = "/v1.0/security/runHuntingQuery";
    static final String MDE_PATH = "/api/advancedqueries/run";

    final FakeAzureAd aad = new FakeAzureAd(TENANT, CLIENT, SECRET, null);
    final Routes routes = new Routes();
    final MockWebServer server;
    volatile Function<RecordedRequest, MockResponse> handler = this::answer;

    FakeDefender(MockWebServer server) {
        this.server = server;
        aad.install(routes);
        Function<RecordedRequest, MockResponse> guarded = r -> {
            String auth = r.getHeaders().get("Authorization");
            if (auth == null || !auth.equals("Bearer " + aad.lastToken())) {
                return Routes.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token validation failure.\"}}");
            }
            return handler.apply(r);
        };
        routes.on("POST", GRAPH_PATH, guarded).on("POST", MDE_PATH, guarded);
        server.setDispatcher(routes);
    }

    PluginSettings settings(Path dir, Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("tenant_id", TENANT, "client_id", CLIENT,
                "client_secret", new Secret(SECRET, "env:MDE_SECRET"), "login_url", server.url("/").toString(),
                "api_url", server.url("/").toString(), "retry_backoff", "10ms"));
        m.putAll(extra);
        return new PluginSettings("defender-test", "providers.defender-test", m, dir);
    }

    static Object body(RecordedRequest r) {
        return ErrorBodies.parse(r.getBody().utf8());
    }

    static Instant time(int i) {
        return T0.plus(Duration.ofMinutes(61L * i)).plusNanos(768_864_100);
    }

    /** The schema in Graph's words; MDE capitalises the keys. */
    static String schema(boolean mde) {
        String n = mde ? "Name" : "name";
        String t = mde ? "Type" : "type";
        String[][] cols = {{"Timestamp", "DateTime"}, {"DeviceName", "String"}, {"ProcessId", "Int64"}, {"FileSize", "Int32"},
            {"Score", "Double"}, {"IsElevated", "Boolean"}, {"ReportGuid", "Guid"}, {"AdditionalFields", "Object"},
            {"ProcessCommandLine", "String"}};
        List<String> out = new ArrayList<>();
        for (String[] c : cols) {
            out.add("{\"" + n + "\":\"" + c[0] + "\",\"" + t + "\":\"" + c[1] + "\"}");
        }
        return "[" + String.join(",", out) + "]";
    }

    static String row(int i) {
        return "{\"Timestamp\":\"" + time(i) + "\",\"DeviceName\":\"wks-" + (i % 4) + ".contoso.com\",\"ProcessId\":" + (4000 + i)
                + ",\"FileSize\":" + (i * 100) + ",\"Score\":" + (i * 0.5) + ",\"IsElevated\":" + (i % 2 == 0)
                + ",\"ReportGuid\":\"00000000-0000-0000-0000-0000000000" + String.format("%02d", i) + "\""
                + ",\"AdditionalFields\":{\"Integrity\":\"High\",\"n\":" + i + "}"
                + (i % 5 == 0 ? "" : ",\"ProcessCommandLine\":\"powershell -enc SQBFAFgA" + i + "\"") + "}";
    }

    MockResponse answer(RecordedRequest r) {
        boolean mde = r.getUrl().encodedPath().equals(MDE_PATH);
        String query = ErrorBodies.text(body(r), "Query");
        if (query == null || query.contains("wher ")) {
            return Routes.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Query could not be parsed at 'wher' on line [1,22]\","
                    + "\"innerError\":{\"date\":\"2024-03-26T09:39:50\",\"request-id\":\"5d1f2f1b\"}}}");
        }
        String ts = mde ? null : ErrorBodies.text(body(r), "Timespan");
        TimeRange range = ts == null ? null : new TimeRange(Instant.parse(ts.split("/")[0]), Instant.parse(ts.split("/")[1]));
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            if (range == null || range.contains(time(i))) {
                rows.add(row(i));
            }
        }
        String head = mde ? "{\"Stats\":{\"ExecutionTime\":0.0157,\"resource_usage\":{\"cache\":{}},\"dataset_statistics\":[{\"table_row_count\":"
                + rows.size() + "}]},\"Schema\":" : "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults\",\"schema\":";
        return Routes.json(200, head + schema(mde) + (mde ? ",\"Results\":[" : ",\"results\":[") + String.join(",", rows) + "]}");
    }
}
