package dev.hunt4j.ti.localfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.config.Hunt4jConfig;
import dev.hunt4j.runtime.enrich.IocSummary;
import dev.hunt4j.runtime.enrich.LookupRequest;
import dev.hunt4j.runtime.enrich.TiResults;
import dev.hunt4j.runtime.enrich.TiRow;
import dev.hunt4j.samples.SampleDataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's path: the sample data set's IoC feed configured as a {@code local-feed} provider, the attack's
 * indicators looked up through {@code Hunt4j.enrich()} (this plugin found on the classpath, embedded mode), no
 * network.
 */
class EngineOverSampleDataTest {
    @TempDir
    Path dir;

    @Test
    void theAttacksIndicatorsAreFoundInTheSampleFeed() throws Exception {
        Path data = SampleDataSet.ensure(dir.resolve("samples"));
        Path config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, """
                enrichers:
                  feed:
                    type: local-feed
                    paths: [samples/ioc_feed.csv]
                    global_ips_only: false   # the sample data uses documentation addresses
                """);
        assertTrue(Files.exists(data.resolve("ioc_feed.csv")));
        try (Hunt4j h = Hunt4j.builder().config(Hunt4jConfig.load(config)).build()) {
            TiResults r = h.enrich().lookup(LookupRequest.of(SampleDataSet.MALICIOUS_DOMAIN, SampleDataSet.C2_IP,
                    "hxxp://nvcdn-sync[.]net/cdn/v2/sync.ps1", SampleDataSet.ATTACKER_IP, SampleDataSet.PAYLOAD_SHA256,
                    "www.microsoft.com", "10.0.0.5", "not-an-ioc"));
            List<IocSummary> s = r.summary();
            assertEquals(8, s.size());
            assertEquals(Severity.HIGH, s.get(0).severity());
            assertEquals(List.of("feed"), s.get(0).flaggedBy());
            assertEquals(Severity.HIGH, s.get(1).severity());
            assertEquals(Severity.HIGH, s.get(2).severity(), "the payload URL, refanged");
            assertTrue(s.get(3).found(), "the attacker IP");
            assertTrue(s.get(4).found(), "the payload hash");
            assertTrue(!s.get(5).found() && s.get(5).failed().isEmpty(), "a clean domain is answered, not found");
            TiRow internal = r.rowsFor("10.0.0.5").get(0);
            assertEquals(LookupStatus.OK, internal.status(), "the feed looks up internal addresses when told to");
            assertEquals(LookupStatus.INVALID, r.rowsFor("not-an-ioc").get(0).status());
            assertEquals(List.of("local-feed"), h.enrich().providers().stream().map(p -> p.type()).toList());
        }
    }
}
