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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vendor's plugin zip (examples/sample-plugin) loaded by the command line from a plugins folder. */
class ThirdPartyPluginTest {
    @TempDir
    Path dir;
    HttpServer server;
    Path config;

    @BeforeEach
    void serve() throws Exception {
        byte[] body = "TimeGenerated,Host,AlertName\n2026-03-03T10:25:35Z,WKS-07,Encoded PowerShell\n2026-03-03T10:41:48Z,SRV-FILE01,WMI\n"
                .getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts.csv", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "providers:\n  vendor:\n    type: csv-http\n    url: http://127.0.0.1:" + server.getAddress().getPort() + "\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void pluginZipFromAPluginsFolderRunsItsBuiltInQuery() {
        Path plugins = Path.of("target/test-plugins");
        assertTrue(Files.isDirectory(plugins), "the sample plugin zip was not copied to target/test-plugins");
        CliTest.Run r = CliTest.run("--config", config.toString(), "--plugins-dir", plugins.toString(),
                "query", "run", "list_alerts", "--provider", "vendor", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.lines().size(), r.out());
        assertTrue(r.lines().get(1).contains("Encoded PowerShell"), r.out());

        CliTest.Run providers = CliTest.run("--plugins-dir", plugins.toString(), "providers");
        assertTrue(providers.out().contains("csv-over-http") && providers.out().contains("csv-http"), providers.out());
    }
}
