package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query run --provider splunk|defender} through the bundled plugin zips, as users run them, against loopback
 * endpoints that answer in each service's documented format: the query and time range reach the service, the rows
 * come back as CSV, and the credential never shows.
 */
class ProviderQueryCliTest {
    @TempDir
    Path dir;
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Splunk's export endpoint: one JSON object per result line
        server.createContext("/services/search/v2/jobs/export", exchange -> {
            record(exchange);
            respond(exchange, 200, "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"2024-03-01T10:00:00.000+00:00\","
                    + "\"host\":\"WKS-07\",\"EventCode\":\"4625\"}}\n"
                    + "{\"preview\":false,\"offset\":1,\"lastrow\":true,\"result\":{\"_time\":\"2024-03-01T10:05:00.000+00:00\","
                    + "\"host\":\"WKS-08\",\"EventCode\":\"4625\"}}\n");
        });
        // Microsoft Graph advanced hunting: schema + results
        server.createContext("/v1.0/security/runHuntingQuery", exchange -> {
            record(exchange);
            respond(exchange, 200, "{\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"},{\"name\":\"DeviceName\",\"type\":\"String\"},"
                    + "{\"name\":\"ProcessId\",\"type\":\"Int64\"}],\"results\":[{\"Timestamp\":\"2024-03-01T10:00:00Z\",\"DeviceName\":\"wks-07\","
                    + "\"ProcessId\":4242}]}");
        });
        server.start();
    }

    private void record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                + " " + URLDecoder.decode(body, StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Path config(String yaml) throws IOException {
        Path config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    @Test
    void splunkExportRowsArePrintedAndTheSearchCarriesTheTimeRange() throws Exception {
        Path config = config("providers:\n  splunk:\n    type: splunk\n    host: 127.0.0.1\n    port: " + server.getAddress().getPort()
                + "\n    http_scheme: http\n    mode: export\n    token: splunk-token-secret\n    max_retries: 0\n");
        CliTest.Run r = CliTest.run("--config", config.toString(), "query", "run", "--provider", "splunk", "--text",
                "index=wineventlog EventCode=4625", "--start", "2024-03-01T00:00:00Z", "--end", "2024-03-02T00:00:00Z", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals("WKS-07", column(r, "host", 1));
        assertEquals("WKS-08", column(r, "host", 2));
        assertEquals(3, r.lines().size(), r.out());
        assertEquals(1, requests.size(), requests.toString());
        String request = requests.get(0);
        assertTrue(request.startsWith("POST /services/search/v2/jobs/export"), request);
        assertTrue(request.contains("Bearer splunk-token-secret"), "the token is sent as a bearer token");
        assertTrue(request.contains("search index=wineventlog EventCode=4625"), request);
        // epoch seconds: 2024-03-01T00:00:00Z and 2024-03-02T00:00:00Z
        assertTrue(request.contains("earliest_time=1709251200.000"), request);
        assertTrue(request.contains("latest_time=1709337600.000"), request);
        assertFalse((r.out() + r.err()).contains("splunk-token-secret"), "the token never shows");
    }

    @Test
    void defenderHuntingRowsArePrintedWithTheirTypes() throws Exception {
        Path config = config("providers:\n  defender:\n    type: defender\n    access_token: graph-token-secret\n    api_url: http://127.0.0.1:"
                + server.getAddress().getPort() + "\n    max_retries: 0\n");
        CliTest.Run r = CliTest.run("--config", config.toString(), "query", "run", "--provider", "defender", "--text",
                "DeviceProcessEvents | take 1", "--start", "2024-03-01T00:00:00Z", "--end", "2024-03-02T00:00:00Z", "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.lines().size(), r.out());
        assertTrue(r.out().contains("\"DeviceName\":\"wks-07\""), r.out());
        assertTrue(r.out().contains("\"ProcessId\":4242"), "Int64 arrives as a number: " + r.out());
        assertEquals(1, requests.size(), requests.toString());
        String request = requests.get(0);
        assertTrue(request.startsWith("POST /v1.0/security/runHuntingQuery Bearer graph-token-secret"), request);
        assertTrue(request.contains("DeviceProcessEvents | take 1"), request);
        assertTrue(request.contains("2024-03-01T00:00:00"), "the time range is sent: " + request);
        assertFalse((r.out() + r.err()).contains("graph-token-secret"), "the token never shows");
    }

    /** The value of {@code name} in CSV line {@code line} (0 = header). */
    private static String column(CliTest.Run r, String name, int line) {
        List<String> header = List.of(r.lines().get(0).split(","));
        return r.lines().get(line).split(",")[header.indexOf(name)];
    }
}
