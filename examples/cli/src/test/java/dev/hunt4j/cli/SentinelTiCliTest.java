package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ti providers} and {@code ti lookup --providers sentinel-ti} with the Sentinel plugin loaded from its zip, as
 * users run it, against a loopback Log Analytics query API (the JDK's HTTP server) holding one indicator.
 */
class SentinelTiCliTest {
    private static final String WORKSPACE = "52b1ab41-869e-4138-9e40-2a4457f09bf3";
    private static final String TOKEN = "la-token-for-the-cli-test";

    @TempDir
    Path dir;
    HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();
    Path config;

    @BeforeEach
    void workspace() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/workspaces/" + WORKSPACE + "/query", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = new ObjectMapper().readTree(body).path("query").asText();
            queries.add(query);
            String answer;
            int code = 200;
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                code = 401;
                answer = "{\"error\":{\"code\":\"InvalidTokenError\",\"message\":\"The provided authentication is not valid\"}}";
            } else {
                // a ThreatIntelIndicators answer (the table hunt4j reads by default), Data as its JSON text
                String expires = Instant.now().plus(7, ChronoUnit.DAYS).toString();
                answer = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"Id\",\"type\":\"string\"},"
                        + "{\"name\":\"ObservableKey\",\"type\":\"string\"},{\"name\":\"ObservableValue\",\"type\":\"string\"},"
                        + "{\"name\":\"IsActive\",\"type\":\"bool\"},{\"name\":\"ValidUntil\",\"type\":\"datetime\"},"
                        + "{\"name\":\"Confidence\",\"type\":\"int\"},{\"name\":\"Data\",\"type\":\"dynamic\"}],\"rows\":["
                        + (query.contains("\"45.77.12.9\"") ? "[\"indicator--1\",\"ipv4-addr:value\",\"45.77.12.9\",true,\"" + expires
                        + "\",90,\"{\\\"indicator_types\\\":[\\\"malicious-activity\\\"]}\"]" : "")
                        + "]}]}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // the client went away; nothing to answer
            }
        });
        server.start();
        Files.writeString(dir.resolve("la-token.txt"), TOKEN);
        config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "providers:\n  sentinel-prod:\n    type: sentinel\n    workspace_id: " + WORKSPACE + "\n"
                + "    access_token: file:la-token.txt\n    api_url: http://127.0.0.1:" + server.getAddress().getPort() + "/\n"
                + "enrichers:\n  sentinel-ti:\n    type: sentinel-ti\n    provider: sentinel-prod\n"
                // the two lookups seal the batch as soon as both are in, however long the threads take to start
                + "    batch_size: 2\n    batch_wait: 30s\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void tiProvidersListsItWhenConfigured() {
        CliTest.Run r = CliTest.run("--config", config.toString(), "ti", "providers");
        assertEquals(0, r.code(), r.err());
        String line = r.lines().stream().filter(l -> l.trim().startsWith("sentinel-ti")).findFirst().orElse("");
        assertTrue(line.contains("sentinel-ti") && line.contains("primary") && line.contains("ipv4") && line.contains("sha256_hash"),
                r.out());
        assertTrue(r.out().contains(", 100 at once"), r.out());
        String builtIn = r.out().substring(r.out().indexOf("TI types built into hunt4j:"));
        assertTrue(builtIn.contains("sentinel-ti") && builtIn.contains("ThreatIntelIndicators"), r.out());
        assertEquals(List.of(), queries, "listing runs no query");
    }

    @Test
    void tiLookupThroughSentinelTi() throws Exception {
        CliTest.Run r = CliTest.run("--config", config.toString(), "ti", "lookup", "--ioc", "45.77.12.9", "--ioc", "8.8.4.4",
                "--providers", "sentinel-ti", "--format", "csv", "--no-raw");
        assertEquals(0, r.code(), r.err());
        assertEquals("Ioc,IocType,SafeIoc,QuerySubtype,Provider,Result,Severity,Details,RawResult,Reference,Status", r.lines().get(0));
        String hit = r.lines().stream().filter(l -> l.startsWith("45.77.12.9,")).findFirst().orElseThrow();
        assertTrue(hit.contains(",sentinel-ti,true,high,") && hit.contains("indicator--1") && hit.contains("malicious-activity")
                && hit.endsWith(",ok"), hit);
        String miss = r.lines().stream().filter(l -> l.startsWith("8.8.4.4,")).findFirst().orElseThrow();
        assertTrue(miss.contains(",sentinel-ti,false,unknown,") && miss.endsWith(",ok"), miss);
        assertEquals(1, queries.size(), "both addresses in one query: " + queries);
        assertTrue(queries.get(0).contains("\nThreatIntelIndicators\n") && queries.get(0).contains("ObservableValue in~ (iocs)"), queries.get(0));
    }
}
