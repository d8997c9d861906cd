package dev.hunt4j.benchmarks;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.runtime.enrich.Enrichment;
import dev.hunt4j.runtime.enrich.ProviderOptions;
import dev.hunt4j.runtime.enrich.TiResults;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TI lookups answered from the engine's cache: {@code Enrichment.lookup(observable)} end to end — pre-processing
 * (refang, type inference, validation), provider choice, the Caffeine cache, the result row — for 10,000 distinct
 * IPv4 addresses already looked up once. The provider is never called during the measurement (checked in
 * tear-down). ops/s = cached lookups per second; the target is 1,000,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TiCacheBenchmark {
    static final int DISTINCT = 10_000;

    Enrichment engine;
    String[] observables;
    final AtomicLong calls = new AtomicLong();
    long callsAfterWarmup;

    /** Per-thread position in the observables. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Enricher enricher = (observable, type) -> {
            calls.incrementAndGet();
            return new TiResult(observable, type, "feed", null, true, Severity.WARNING, Map.of("n", 1), null, null,
                    LookupStatus.OK, null);
        };
        engine = Enrichment.builder().provider("feed", enricher, EnumSet.of(IocType.IPV4),
                ProviderOptions.defaults().withCache(Duration.ofHours(1), 100_000)).build();
        observables = new String[DISTINCT];
        for (int i = 0; i < DISTINCT; i++) {
            observables[i] = "23." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        }
        engine.lookup(java.util.List.of(observables));
        callsAfterWarmup = calls.get();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (calls.get() != callsAfterWarmup) {
            throw new IllegalStateException("the provider was called during the measurement: not all cache hits");
        }
        engine.close();
    }

    @Benchmark
    @Threads(1)
    public TiResults cachedLookupOneThread(Cursor c) {
        c.i = c.i + 1 == DISTINCT ? 0 : c.i + 1;
        return engine.lookup(observables[c.i]);
    }

    @Benchmark
    @Threads(2)
    public TiResults cachedLookupTwoThreads(Cursor c) {
        c.i = c.i + 1 == DISTINCT ? 0 : c.i + 1;
        return engine.lookup(observables[c.i]);
    }
}
