package dev.hunt4j.runtime.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.enrich.LookupStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The engine over scripted enrichers and a fake clock. */
class EnrichmentTest {
    static final Set<IocType> NET = EnumSet.of(IocType.IPV4, IocType.IPV6, IocType.DNS, IocType.URL);
    static final Set<IocType> HASHES = EnumSet.of(IocType.MD5_HASH, IocType.SHA1_HASH, IocType.SHA256_HASH);

    final FakeTicker clock = new FakeTicker();

    private static ProviderOptions options() {
        return ProviderOptions.defaults().withConcurrency(1).withRetries(3, Duration.ofSeconds(1));
    }

    private Enrichment engine(Object... nameEnricherTypes) {
        Enrichment.Builder b = Enrichment.builder().ticker(clock);
        for (int i = 0; i < nameEnricherTypes.length; i += 4) {
            @SuppressWarnings("unchecked")
            Set<IocType> types = (Set<IocType>) nameEnricherTypes[i + 2];
            b.provider((String) nameEnricherTypes[i], (ScriptedEnricher) nameEnricherTypes[i + 1], types,
                    (ProviderOptions) nameEnricherTypes[i + 3]);
        }
        return b.build();
    }

    @Test
    void oneObservableIsRefangedTypedAndAnsweredWithMsticpysColumns() {
        ScriptedEnricher vt = new ScriptedEnricher("vt");
        try (Enrichment e = engine("vt", vt, NET, options())) {
            TiResults r = e.lookup("bad[.]example[.]com");
            assertEquals(1, r.rows().size());
            TiRow row = r.rows().get(0);
            assertEquals("bad[.]example[.]com", row.ioc());
            assertEquals("bad.example.com", row.safeIoc());
            assertEquals(IocType.DNS, row.type());
            assertEquals("vt", row.provider());
            assertTrue(row.found());
            assertEquals(Severity.HIGH, row.severity());
            assertEquals(LookupStatus.OK, row.status());
            assertEquals(List.of("bad.example.com"), vt.calls);
            List<Object[]> table;
            try (ResultStream s = r.stream()) {
                assertEquals(List.of("Ioc", "IocType", "SafeIoc", "QuerySubtype", "Provider", "Result", "Severity", "Details",
                        "RawResult", "Reference", "Status"), s.columns().stream().map(Column::name).toList());
                table = s.toList();
            }
            Object[] t = table.get(0);
            assertEquals("dns", t[1]);
            assertEquals(Boolean.TRUE, t[5]);
            assertEquals("high", t[6]);
            assertTrue(t[7].toString().contains("\"hits\":3"), "details as JSON: " + t[7]);
            assertEquals("{\"q\":\"bad.example.com\"}", t[8]);
            assertEquals("https://ti.example/bad.example.com", t[9]);
            assertEquals("ok", t[10]);
        }
    }

    @Test
    void everyObservableGetsARowSayingWhyUnlessAskedNotTo() {
        ScriptedEnricher vt = new ScriptedEnricher("vt");
        ScriptedEnricher hashes = new ScriptedEnricher("hashes");
        try (Enrichment e = engine("vt", vt, NET, options(), "hashes", hashes, HASHES, options())) {
            TiResults r = e.lookup(List.of("not an observable", "bob@contoso.com", "8.8.8.8"));
            TiRow invalid = r.rowsFor("not an observable").get(0);
            assertEquals(Enrichment.ENGINE, invalid.provider());
            assertEquals(LookupStatus.INVALID, invalid.status());
            assertTrue(invalid.message().contains("cannot tell"), invalid.message());
            TiRow unsupported = r.rowsFor("bob@contoso.com").get(0);
            assertEquals(LookupStatus.UNSUPPORTED, unsupported.status());
            assertTrue(unsupported.message().contains("no primary TI provider looks up email"), unsupported.message());
            assertEquals(1, r.rowsFor("8.8.8.8").size(), "only providers that take ipv4 are asked when none are named");
            assertEquals("vt", r.rowsFor("8.8.8.8").get(0).provider());

            TiResults quiet = e.lookup(LookupRequest.of("not an observable", "bob@contoso.com", "8.8.8.8")
                    .showInvalid(false).showUnsupported(false));
            assertEquals(List.of("8.8.8.8"), quiet.rows().stream().map(TiRow::ioc).toList());

            TiResults named = e.lookup(LookupRequest.of("8.8.8.8").withProviders("vt", "hashes"));
            assertEquals(LookupStatus.UNSUPPORTED, named.rows().get(1).status());
            assertTrue(named.rows().get(1).message().contains("hashes does not look up ipv4"), named.rows().get(1).message());
        }
    }

    @Test
    void nonGlobalAddressesAreRefusedOnlyByProvidersThatLookUpGlobalOnes() {
        ScriptedEnricher vt = new ScriptedEnricher("vt");
        ScriptedEnricher feed = new ScriptedEnricher("feed");
        try (Enrichment e = engine("vt", vt, NET, options(), "feed", feed, NET, options().withGlobalIpsOnly(false))) {
            TiResults r = e.lookup("10.1.2.3");
            assertEquals(LookupStatus.INVALID, r.rows().get(0).status());
            assertTrue(r.rows().get(0).message().contains("not a global IP address (private range 10.0.0.0/8)"), r.rows().get(0).message());
            assertEquals(LookupStatus.OK, r.rows().get(1).status());
            assertTrue(vt.calls.isEmpty(), "an internal address never goes to an internet service");
            assertEquals(List.of("10.1.2.3"), feed.calls);
        }
    }

    @Test
    void answersAreCachedUntilTheTtlAndABatchAsksOnceForRepeats() {
        ScriptedEnricher vt = new ScriptedEnricher("vt");
        try (Enrichment e = engine("vt", vt, NET, options().withCache(Duration.ofHours(1), 1000))) {
            TiResults first = e.lookup(List.of("8.8.8.8", "8.8.8[.]8", "8.8.8.8", "1.1.1.1"));
            assertEquals(List.of("8.8.8.8", "1.1.1.1"), vt.calls, "refanged duplicates share one call");
            assertEquals(3, first.rows().size(), "one row per distinct input text");
            TiResults second = e.lookup("8.8.8.8");
            assertTrue(second.rows().get(0).cached());
            assertEquals(2, vt.calls.size());
            clock.advance(Duration.ofMinutes(61).toNanos());
            assertFalse(e.lookup("8.8.8.8").rows().get(0).cached(), "expired after the TTL");
            assertEquals(3, vt.calls.size());
        }
    }

    @Test
    void throttlingIsRetriedAfterTheServicesRetryAfterThroughTheLimiter() {
        ScriptedEnricher vt = new ScriptedEnricher("vt")
                .then(() -> {
                    throw new ThrottledException("VirusTotal is throttling requests (HTTP 429)", Duration.ofSeconds(20));
                })
                .then(() -> {
                    throw new ThrottledException("VirusTotal is throttling requests (HTTP 429)", Duration.ofSeconds(40));
                });
        try (Enrichment e = engine("vt", vt, NET, options())) {
            long t0 = clock.nanoTime();
            TiRow row = e.lookup("8.8.8.8").rows().get(0);
            assertEquals(LookupStatus.OK, row.status());
            assertEquals(3, vt.calls.size());
            assertEquals(3, e.requestsSent("vt"));
            assertEquals(Duration.ofSeconds(60).toNanos(), clock.nanoTime() - t0, "waited exactly what the service asked");
        }
    }

    @Test
    void throttlingThatOutlastsTheRetriesOrAsksForTooLongEndsAsAThrottledRow() {
        ScriptedEnricher vt = new ScriptedEnricher("vt");
        for (int i = 0; i < 4; i++) {
            vt.then(() -> {
                throw new ThrottledException("429 Too Many Requests", null);
            });
        }
        vt.then(() -> {
            throw new ThrottledException("429 quota", Duration.ofHours(6));
        });
        try (Enrichment e = engine("vt", vt, NET, options())) {
            TiRow row = e.lookup("8.8.8.8").rows().get(0);
            assertEquals(LookupStatus.THROTTLED, row.status());
            assertTrue(row.message().contains("after 4 attempts"), row.message());
            TiRow tooLong = e.lookup("1.1.1.1").rows().get(0);
            assertEquals(LookupStatus.THROTTLED, tooLong.status());
            assertTrue(tooLong.message().contains("longer than max_retry_after"), tooLong.message());
            assertEquals(5, vt.calls.size());
        }
    }

    @Test
    void transientFailuresAreRetriedWithBackoffAndPermanentOnesAreNot() {
        ScriptedEnricher vt = new ScriptedEnricher("vt")
                .then(() -> {
                    throw new QueryException("VirusTotal failed with HTTP 503");
                })
                .then(() -> {
                    throw new QueryException("VirusTotal failed with HTTP 502");
                });
        try (Enrichment e = engine("vt", vt, NET, options())) {
            assertEquals(LookupStatus.OK, e.lookup("8.8.8.8").rows().get(0).status());
            assertEquals(3, vt.calls.size());
            assertEquals(2, clock.sleeps.size(), "two back-offs");
            assertTrue(clock.sleeps.get(1) > clock.sleeps.get(0), "the back-off grows");
        }
        ScriptedEnricher broken = new ScriptedEnricher("broken");
        for (int i = 0; i < 5; i++) {
            broken.then(() -> {
                throw new IllegalStateException("HTTP 500");
            });
        }
        try (Enrichment e = engine("broken", broken, NET, options())) {
            TiRow row = e.lookup("8.8.8.8").rows().get(0);
            assertEquals(LookupStatus.ERROR, row.status());
            assertTrue(row.message().contains("HTTP 500 (after 4 attempts)"), row.message());
        }
    }

    @Test
    void aRefusedCredentialFailsTheRestFastInsteadOfBeingRefusedAgainAndAgain() {
        ScriptedEnricher vt = new ScriptedEnricher("vt").then(() -> {
            throw new AuthenticationException("VirusTotal refused the request (HTTP 401 Unauthorized)");
        });
        try (Enrichment e = engine("vt", vt, NET, options())) {
            TiResults r = e.lookup(List.of("8.8.8.8", "1.1.1.1", "9.9.9.9"));
            assertEquals(1, vt.calls.size());
            for (TiRow row : r.rows()) {
                assertEquals(LookupStatus.ERROR, row.status());
                assertTrue(row.message().contains("401"), row.message());
            }
            clock.advance(ProviderLane.AUTH_FAILURE_HOLD.toNanos() + 1);
            assertEquals(LookupStatus.OK, e.lookup("4.4.4.4").rows().get(0).status(), "tried again later");
        }
    }

    @Test
    void aLookupThatHangsTimesOut() {
        ScriptedEnricher slow = new ScriptedEnricher("slow");
        for (int i = 0; i < 2; i++) {
            slow.then(() -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }
        try (Enrichment e = engine("slow", slow, NET, options().withTimeout(Duration.ofMillis(50)).withRetries(1, Duration.ofSeconds(1)))) {
            long t0 = System.nanoTime();
            TiRow row = e.lookup("8.8.8.8").rows().get(0);
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
            assertEquals(LookupStatus.ERROR, row.status());
            assertTrue(row.message().contains("did not answer within 50 ms"), row.message());
        }
    }

    @Test
    void aQuotaIsNotWaitedForOnceSpentLookupsComeBackThrottled() {
        ScriptedEnricher vt = new ScriptedEnricher("vt");
        try (Enrichment e = engine("vt", vt, NET, options().withQuota(RateLimit.parse("3/day", "q")))) {
            TiResults r = e.lookup(List.of("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"));
            assertEquals(3, vt.calls.size());
            List<TiRow> throttled = r.rows().stream().filter(x -> x.status() == LookupStatus.THROTTLED).toList();
            assertEquals(2, throttled.size());
            assertTrue(throttled.get(0).message().contains("quota of 3/day for vt is used up"), throttled.get(0).message());
            assertEquals(0, clock.sleptNanos(), "no waiting for a quota");
        }
    }

    @Test
    void theRateLimitHoldsAcrossConcurrentWorkersAndEveryObservableIsAnswered() {
        List<Long> starts = new CopyOnWriteArrayList<>();
        ScriptedEnricher vt = new ScriptedEnricher("vt") {
            @Override
            public dev.hunt4j.api.enrich.TiResult lookup(String observable, IocType type) {
                starts.add(clock.nanoTime());
                return super.lookup(observable, type);
            }
        };
        List<String> ips = IntStream.range(0, 200).mapToObj(i -> "8.8." + (i / 250) + "." + (i % 250 + 1)).toList();
        List<EnrichProgress> seen = new CopyOnWriteArrayList<>();
        try (Enrichment e = engine("vt", vt, NET, options().withConcurrency(4).withRateLimit(RateLimit.parse("4/minute", "r")))) {
            TiResults r = e.lookup(LookupRequest.of(ips).onProgress(seen::add));
            assertEquals(200, r.rows().size());
            assertTrue(r.rows().stream().allMatch(TiRow::ok));
            assertEquals(200, e.requestsSent("vt"));
        }
        // each start is read after its grant, so a later start may be recorded late, never early: the grants obey
        // the window if the recorded times, taken in grant order, never put 5 in a minute — check the total instead
        assertTrue(clock.nanoTime() >= (200 / 4 - 1) * 60_000_000_000L, "200 lookups at 4/minute take at least 49 minutes");
        assertEquals(200, seen.stream().mapToInt(EnrichProgress::done).max().orElse(0));
        assertTrue(seen.stream().anyMatch(EnrichProgress::complete));
    }

    @Test
    void secretsNeverReachRowsMessagesOrRawResults() {
        String key = "k3y-4b1d6e0c9f2a";
        ScriptedEnricher vt = new ScriptedEnricher("vt")
                .then(() -> {
                    throw new IllegalStateException("GET https://ti.example/api?apikey=" + key + " failed");
                })
                .then(() -> new dev.hunt4j.api.enrich.TiResult("1.1.1.1", IocType.IPV4, "vt", null, false, Severity.UNKNOWN,
                        null, "{\"echo\":\"" + key + "\"}", "https://ti.example/?key=" + key, LookupStatus.OK, null));
        dev.hunt4j.api.enrich.EnricherFactory factory = new dev.hunt4j.api.enrich.EnricherFactory() {
            @Override
            public String type() {
                return "scripted";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public Set<IocType> supportedTypes() {
                return NET;
            }

            @Override
            public java.util.Map<String, String> knownSettings() {
                return java.util.Map.of("api_key", "the key");
            }

            @Override
            public dev.hunt4j.api.enrich.Enricher create(dev.hunt4j.api.PluginSettings settings) {
                assertEquals(key, settings.secret("api_key").orElseThrow().reveal());
                assertFalse(settings.settings().containsKey("retries"), "engine keys are not the plugin's");
                return vt;
            }
        };
        try (Enrichment e = Enrichment.builder().ticker(clock).provider("vt", factory, java.util.Map.of(
                "api_key", new dev.hunt4j.api.Secret(key, "env:VT_KEY"), "retries", 0)).build()) {
            TiRows rows = new TiRows(e.lookup(List.of("8.8.8.8", "1.1.1.1")));
            String all = rows.text();
            assertFalse(all.contains(key), all);
            assertTrue(all.contains("apikey=****"), all);
        }
    }

    /** Every text of every row, for leak checks. */
    record TiRows(TiResults r) {
        String text() {
            try (ResultStream s = r.stream()) {
                return s.toList().stream().map(row -> java.util.Arrays.toString(row)).collect(Collectors.joining("\n"));
            }
        }
    }

    @Test
    void providersAreChosenByNameOrScope() {
        ScriptedEnricher a = new ScriptedEnricher("a");
        ScriptedEnricher b = new ScriptedEnricher("b");
        try (Enrichment e = engine("a", a, NET, options(), "b", b, NET, options().withPrimary(false))) {
            assertEquals(List.of("a"), providersOf(e.lookup("8.8.8.8")));
            assertEquals(List.of("b"), providersOf(e.lookup(LookupRequest.of("1.1.1.1").withScope(ProviderScope.SECONDARY))));
            assertEquals(List.of("a", "b"), providersOf(e.lookup(LookupRequest.of("2.2.2.2").withScope(ProviderScope.ALL))));
            assertEquals(List.of("b", "a"), providersOf(e.lookup(LookupRequest.of("3.3.3.3").withProviders("b", "a"))));
            ConfigurationException ex = assertThrows(ConfigurationException.class,
                    () -> e.lookup(LookupRequest.of("8.8.8.8").withProviders("aa ")));
            assertTrue(ex.getMessage().contains("no TI provider named 'aa '") && ex.getMessage().contains("configured: a, b"), ex.getMessage());
            assertEquals(2, e.providers().size());
            assertTrue(e.providers().get(1).usable());
        }
    }

    private static List<String> providersOf(TiResults r) {
        return r.rows().stream().map(TiRow::provider).toList();
    }

    @Test
    void theSummaryGivesTheWorstSeverityAndWhoFlaggedIt() {
        ScriptedEnricher a = new ScriptedEnricher("a");
        ScriptedEnricher b = new ScriptedEnricher("b").then(() -> {
            throw new ThrottledException("429", Duration.ofHours(1));
        });
        try (Enrichment e = engine("a", a, NET, options(), "b", b, NET, options())) {
            TiResults r = e.lookup(LookupRequest.of("bad.example.com", "good.example.com"));
            List<IocSummary> s = r.summary();
            assertEquals(2, s.size());
            assertEquals(Severity.HIGH, s.get(0).severity());
            assertTrue(s.get(0).found());
            assertEquals(List.of("b", "a").size(), s.get(0).answered().size() + s.get(0).failed().size());
            assertTrue(s.get(0).flaggedBy().contains("a"));
            assertEquals(Severity.INFORMATION, s.get(1).severity());
            assertEquals(List.of(), s.get(1).flaggedBy());
            List<Object[]> rows;
            try (ResultStream st = r.summaryStream()) {
                assertEquals(ColumnType.BOOLEAN, st.columns().get(3).type());
                rows = st.toList();
            }
            assertEquals("bad.example.com", rows.get(0)[0]);
            assertEquals("high", rows.get(0)[2]);
        }
    }

    @Test
    void aColumnOfATableIsReadWithItsTypes() {
        ResultStream table = ResultStream.of(List.of(new Column("IoCType", ColumnType.STRING), new Column("Observable", ColumnType.STRING)),
                new ArrayList<>(List.of(new Object[] {"ipv4", "8.8.8.8"}, new Object[] {"dns", null},
                        new Object[] {"dns", "install.sh"}, new Object[] {"nonsense", "1.1.1.1"})));
        LookupRequest req = LookupRequest.fromColumn(table, "Observable", "IoCType");
        assertEquals(List.of(new LookupRequest.Item("8.8.8.8", IocType.IPV4), new LookupRequest.Item("install.sh", IocType.DNS),
                new LookupRequest.Item("1.1.1.1", null)), req.items());
        QueryException e = assertThrows(QueryException.class, () -> LookupRequest.fromColumn(
                ResultStream.of(List.of(new Column("x", ColumnType.STRING)), List.of()), "ioc", null));
        assertTrue(e.getMessage().contains("column 'ioc' is not in the input; its columns are x"), e.getMessage());
    }

    @Test
    void closingStopsWorkersAndClosesTheEnrichers() {
        ScriptedEnricher vt = new ScriptedEnricher("vt");
        Enrichment e = engine("vt", vt, NET, options());
        e.lookup("8.8.8.8");
        e.close();
        assertTrue(vt.closed);
        assertThrows(IllegalStateException.class, () -> e.lookup("8.8.8.8"));
    }
}
