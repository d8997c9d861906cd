package dev.hunt4j.provider.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import dev.hunt4j.toolkit.testing.Forms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MSTICPy's DataProviders.Splunk section, read by the runtime, drives the plugin against the loopback Splunk. */
class MsticpyConfigTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void dataProvidersSplunkArgsConfigureTheProvider() throws Exception {
        FakeSplunk fake = new FakeSplunk(server);
        Path config = dir.resolve("msticpyconfig.yaml");
        Files.writeString(config, "DataProviders:\n  Splunk:\n    Args:\n"
                + "      host: " + server.getHostName() + "\n"
                + "      port: " + server.getPort() + "\n"
                + "      http_scheme: http\n"
                + "      username: hunter\n"
                + "      password:\n        EnvironmentVar: SPLUNK_PW\n"
                + "      sharing: global\n"
                + "      autologin: true\n");
        Map<String, String> env = Map.of("SPLUNK_PW", "spl-password-1");
        try (Hunt4j h = Hunt4j.builder().config(config).environment(env::get).build();
             QueryResult r = h.provider("splunk").query("list_host_logons", Map.of("host_name", "WKS-07"), QueryOptions.defaults())) {
            assertEquals(FakeSplunk.ROWS, r.toTable().rowCount());
        }
        assertEquals(FakeSplunk.basic(), fake.routes.requests("/services/search/jobs").get(0).getHeaders().get("Authorization"));
        String search = Forms.parse(fake.routes.requests("/services/search/jobs").get(0)).get("search");
        assertTrue(search.startsWith("search index=* (sourcetype=WinEventLog") && search.contains("host=\"WKS-07\""), search);
    }
}
