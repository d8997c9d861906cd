package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query run} on a time-chunked Sentinel query (the real plugin zip) against a loopback Log Analytics endpoint
 * where one day fails: the other days' rows are printed, and stderr names the failed range and the service's message.
 */
class QueryWarningsTest {
    static final Pattern TIMESPAN = Pattern.compile("\"timespan\"\\s*:\\s*\"([^\"/]+)/");
    @TempDir
    Path dir;
    HttpServer server;
    Path config;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // the documented response shape: tables -> columns + rows; one row per day, stamped with the day's start
        server.createContext("/v1/workspaces/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TIMESPAN.matcher(request);
            String start = m.find() ? m.group(1) : "none";
            int status = 200;
            String body = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},"
                    + "{\"name\":\"Computer\",\"type\":\"string\"}],\"rows\":[[\"" + start + "\",\"WKS-" + start.substring(8, 10) + "\"]]}]}";
            if (start.startsWith("2024-03-02")) {
                status = 500;
                body = "{\"error\":{\"message\":\"engine failure in partition 7\",\"code\":\"InternalServerError\"}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "providers:\n  la:\n    type: sentinel\n    workspace_id: ws-1\n    access_token: test-token-value\n"
                + "    api_url: http://127.0.0.1:" + server.getAddress().getPort() + "\n"
                + "    split_by: 1d\n    on_chunk_error: keep\n    max_retries: 0\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSkippedChunkIsPrintedOnStderrWithItsRangeAndTheServicesMessage() {
        CliTest.Run r = CliTest.run("--config", config.toString(), "query", "run", "--text", "SecurityEvent", "--provider", "la",
                "--start", "2024-03-01T00:00:00Z", "--end", "2024-03-04T00:00:00Z", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("TimeGenerated,Computer", "2024-03-01T00:00:00Z,WKS-01", "2024-03-03T00:00:00Z,WKS-03"), r.lines(),
                "the rows of the other two days");
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).contains("time chunk 2 of 3 (2024-03-02T00:00:00Z..2024-03-03T00:00:00Z)"), warnings.get(0));
        assertTrue(warnings.get(0).contains("engine failure in partition 7"), warnings.get(0));
        assertTrue(!r.err().contains("test-token-value"), "the token never shows");
    }
}
