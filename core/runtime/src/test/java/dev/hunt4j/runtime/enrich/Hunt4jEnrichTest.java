package dev.hunt4j.runtime.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.config.Hunt4jConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Hunt4j.enrich()} over the config's enrichers and a plugin found on the classpath. */
class Hunt4jEnrichTest {
    @TempDir
    Path dir;

    private Hunt4j hunt4j(String yaml) throws Exception {
        Path file = dir.resolve("hunt4j.yaml");
        Files.writeString(file, yaml);
        return Hunt4j.builder().config(Hunt4jConfig.load(file)).environment(Map.of("FEED_KEY", "s3cr3t-value")::get).build();
    }

    @Test
    void configuredEnrichersAnswerThroughTheFacade() throws Exception {
        try (Hunt4j h = hunt4j("""
                enrichers:
                  feed:
                    type: test-feed
                    api_key: env:FEED_KEY
                    entries: ["8.8.8.8=high", "evil.com=warning"]
                    rate_limit: 100/s
                    persistent_cache: cache
                  spare:
                    type: test-feed
                    api_key: env:FEED_KEY
                    primary: false
                """)) {
            Enrichment e = h.enrich();
            assertSame(e, h.enrich());
            assertEquals(List.of("feed", "spare"), e.providers().stream().map(TiProviderInfo::name).toList());
            assertEquals(RateLimit.parse("100/s", "x"), e.providers().get(0).options().rateLimit());
            assertEquals(dir.resolve("cache"), e.providers().get(0).options().persistentCache());
            TiResults r = e.lookup(List.of("8.8.8.8", "evil[.]com", "1.1.1.1"));
            assertEquals(List.of(Severity.HIGH, Severity.WARNING, Severity.UNKNOWN), r.rows().stream().map(TiRow::severity).toList());
            assertEquals(List.of("feed", "feed", "feed"), r.rows().stream().map(TiRow::provider).toList());
            assertTrue(Files.exists(dir.resolve("cache/feed.test-feed.jsonl")));
            TiResults both = e.lookup(LookupRequest.of("8.8.8.8").withScope(ProviderScope.ALL));
            assertEquals(List.of("feed", "spare"), both.rows().stream().map(TiRow::provider).toList());
        }
    }

    @Test
    void aBadProviderIsReportedWithItsKeyPathAndTheOthersStillWork() throws Exception {
        try (Hunt4j h = hunt4j("""
                enrichers:
                  typo:
                    type: test-feed
                    api_key: env:FEED_KEY
                    rate_limt: 4/minute
                  nokey:
                    type: test-feed
                    api_key: env:MISSING_KEY
                  ghost:
                    type: virustotl
                  feed:
                    type: test-feed
                    api_key: env:FEED_KEY
                    entries: ["8.8.8.8=high"]
                """)) {
            Enrichment e = h.enrich();
            Map<String, String> problems = new java.util.HashMap<>();
            e.providers().forEach(p -> problems.put(p.name(), p.problem()));
            assertTrue(problems.get("typo").contains("enrichers.typo.rate_limt") && problems.get("typo").contains("rate_limit"),
                    problems.get("typo"));
            assertTrue(problems.get("nokey").contains("MISSING_KEY"), problems.get("nokey"));
            assertTrue(problems.get("ghost").contains("no loaded plugin provides TI provider type 'virustotl'")
                    && problems.get("ghost").contains("test-feed"), problems.get("ghost"));
            TiResults r = e.lookup("8.8.8.8");
            assertEquals(1, r.rows().size());
            assertEquals(LookupStatus.OK, r.rows().get(0).status());
            assertEquals(3, r.warnings().size());
            ConfigurationException ex = assertThrows(ConfigurationException.class,
                    () -> e.lookup(dev.hunt4j.runtime.enrich.LookupRequest.of("8.8.8.8").withProviders("typo")));
            assertTrue(ex.getMessage().contains("rate_limt"), ex.getMessage());
            for (String p : problems.values()) {
                if (p != null) {
                    assertTrue(!p.contains("s3cr3t-value"), p);
                }
            }
        }
    }
}
