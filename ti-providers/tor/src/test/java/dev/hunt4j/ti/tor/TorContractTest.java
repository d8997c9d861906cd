package dev.hunt4j.ti.tor;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;

/** The TCK and the HTTP failure contract against a loopback copy of the bulk exit list. */
class TorContractTest extends HttpEnricherContract {
    static final String LIST = "185.220.101.1\n185.220.101.33\n2a0b:f4c2:2::1\n";

    @TempDir
    Path cache;

    @Override
    protected EnricherFactory factory() {
        return new TorFactory();
    }

    @Override
    protected String baseUrlKey() {
        return "url";
    }

    @Override
    protected String baseUrl() {
        return server.url("/torbulkexitlist").toString();
    }

    @Override
    protected PluginSettings settings() {
        return super.settings().with("cache_dir", cache.toString());
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/torbulkexitlist")) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body(LIST).build();
        }
        return new MockResponse.Builder().code(404).body("not here").build();
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        // the exit list is public: nothing to check
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        return Map.of("185.220.101.33", IocType.IPV4, "2a0b:f4c2:2:0:0:0:0:1", IocType.IPV6);
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("8.8.8.8", IocType.IPV4, "2606:4700:4700::1111", IocType.IPV6);
    }
}
