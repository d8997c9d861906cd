package com.example.hunt4j.csvhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.tck.QueryProviderContract;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample plugin passes the hunt4j TCK against a real HTTP server on loopback. */
class CsvHttpProviderContractTest extends QueryProviderContract {
    static HttpServer server;

    @BeforeAll
    static void serve() throws Exception {
        StringBuilder csv = new StringBuilder("TimeGenerated,Host,AlertName\n");
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        for (int i = 0; i < 60; i++) {
            csv.append(start.plusSeconds(3600L * i)).append(",WKS-").append(i % 5).append(",\"Alert, number ").append(i).append("\"\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/alerts.csv");
            exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
            if (known) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Override
    protected QueryProviderFactory factory() {
        return new CsvHttpProviderFactory();
    }

    @Override
    protected PluginSettings settings() {
        return new PluginSettings("csv", "providers.csv", Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort()), null);
    }

    @Override
    protected String queryReturningRows() {
        return "alerts";
    }

    @Override
    protected String timeColumn() {
        return "TimeGenerated";
    }

    @Override
    protected String invalidQuery() {
        return "no_such_table";
    }

    @Override
    protected long openResources() {
        return CsvStream.OPEN.get();
    }

    @Test
    void quotedFieldsKeepTheirCommas() {
        Object[] row = provider().execute("alerts | take 1", QueryOptions.defaults()).toList().get(0);
        assertEquals("Alert, number 0", row[2]);
    }

    @Test
    void unknownTableNamesTheUrlAndTheTable() {
        QueryException e = assertThrows(QueryException.class, () -> provider().execute("nope", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("/nope.csv") && e.getMessage().contains("404") && e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void malformedQuerySaysWhatIsExpected() {
        QueryException e = assertThrows(QueryException.class, () -> provider().execute("alerts | sort", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("expected '<table>'"), e.getMessage());
    }
}
