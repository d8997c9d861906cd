package dev.hunt4j.runtime.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache: a re-run spends no quota, a torn line is skipped, expired answers are not used. */
class PersistentCacheTest {
    @TempDir
    Path dir;

    @Test
    void aRerunIsAnsweredFromDiskWithoutAskingTheProvider() {
        FakeTicker clock = new FakeTicker();
        ProviderOptions opts = ProviderOptions.defaults().withConcurrency(1).withPersistentCache(dir);
        ScriptedEnricher first = new ScriptedEnricher("vt");
        try (Enrichment e = Enrichment.builder().ticker(clock).provider("vt", first, EnrichmentTest.NET, opts).build()) {
            e.lookup(List.of("bad.example.com", "8.8.8.8"));
        }
        assertEquals(2, first.calls.size());
        ScriptedEnricher second = new ScriptedEnricher("vt");
        try (Enrichment e = Enrichment.builder().ticker(clock).provider("vt", second, EnrichmentTest.NET, opts).build()) {
            TiResults r = e.lookup(List.of("bad.example.com", "8.8.8.8", "1.1.1.1"));
            assertEquals(List.of("1.1.1.1"), second.calls, "only the new observable is looked up");
            TiRow bad = r.rows().get(0);
            assertTrue(bad.cached());
            assertEquals(Severity.HIGH, bad.severity());
            assertEquals(3, bad.details().get("hits"));
            assertEquals("{\"q\":\"bad.example.com\"}", bad.rawJson());
        }
    }

    @Test
    void tornLinesAreSkippedAndExpiredAnswersIgnored() throws Exception {
        FakeTicker clock = new FakeTicker();
        Path file = dir.resolve("vt.jsonl");
        TiResult r = new TiResult("8.8.8.8", IocType.IPV4, "vt", null, true, Severity.WARNING, Map.of("n", 1), null, null,
                LookupStatus.OK, null);
        try (PersistentCache c = new PersistentCache(file, Duration.ofHours(1), clock)) {
            c.put("ipv4|8.8.8.8", r);
        }
        Files.writeString(file, "{\"k\":\"ipv4|1.1.1.1\",\"at\":17", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (PersistentCache c = new PersistentCache(file, Duration.ofHours(1), clock)) {
            assertEquals(1, c.size());
            assertEquals(r, c.get("ipv4|8.8.8.8"));
            clock.advance(Duration.ofMinutes(61).toNanos());
            assertNull(c.get("ipv4|8.8.8.8"), "older than the TTL");
        }
        try (PersistentCache c = new PersistentCache(file, Duration.ofHours(1), clock)) {
            assertEquals(0, c.size());
            assertFalse(Files.readString(file).isEmpty());
        }
    }

    @Test
    void aFileFullOfSupersededLinesIsCompactedWhenOpened() throws Exception {
        FakeTicker clock = new FakeTicker();
        Path file = dir.resolve("feed.jsonl");
        try (PersistentCache c = new PersistentCache(file, Duration.ofDays(1), clock)) {
            for (int i = 0; i < 3000; i++) {
                c.put("dns|d" + (i % 10) + ".example.com", new TiResult("d.example.com", IocType.DNS, "feed", null, false,
                        Severity.UNKNOWN, Map.of(), null, null, LookupStatus.OK, null));
            }
        }
        assertEquals(3000, Files.readAllLines(file).size());
        try (PersistentCache c = new PersistentCache(file, Duration.ofDays(1), clock)) {
            assertEquals(10, c.size());
        }
        assertEquals(10, Files.readAllLines(file).size());
    }
}
