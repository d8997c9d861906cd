package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.tck.EnricherContract;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The TCK over a folder holding one feed of each format. */
class LocalFeedContractTest extends EnricherContract {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFeeds() {
        Feeds.all(dir);
    }

    @Override
    protected EnricherFactory factory() {
        return new LocalFeedFactory();
    }

    @Override
    protected PluginSettings settings() {
        return Feeds.settings(dir);
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        Map<String, IocType> m = new LinkedHashMap<>();
        m.put("wsus-patch-mirror.com", IocType.DNS);                       // CSV
        m.put("evil-updates.net", IocType.DNS);                            // text, defanged in the feed
        m.put("10.20.3.4", IocType.IPV4);                                  // text, inside a CIDR block
        m.put("198.51.100.23", IocType.IPV4);                              // STIX
        m.put("79b4641a7a96210b68314369bd0a359657f0cf4882b2ef79c15a476eee2d153a", IocType.SHA256_HASH);
        m.put("203.0.113.47", IocType.IPV4);                               // MISP
        m.put("hr@payroll-contoso.com", IocType.EMAIL);                    // MISP object
        return m;
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("8.8.8.8", IocType.IPV4, "example.com", IocType.DNS,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", IocType.SHA256_HASH);
    }
}
