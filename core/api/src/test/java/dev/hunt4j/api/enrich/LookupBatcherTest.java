package dev.hunt4j.api.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LookupBatcherTest {
    /** Long enough that a test finishing at all shows the batch was sealed by being full, not by the wait. */
    private static final Duration FOREVER = Duration.ofHours(1);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** Every batch the query was run for, as its keys in arrival order. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void noThreadLeftWaiting() throws InterruptedException {
        // no interrupt: an interrupt would end a stuck wait and hide it
        pool.shutdown();
        boolean done = pool.awaitTermination(10, TimeUnit.SECONDS);
        pool.shutdownNow();
        assertTrue(done, "a lookup thread is still waiting");
    }

    private Function<Set<String>, Map<String, String>> upperCase() {
        return keys -> {
            batches.add(List.copyOf(keys));
            Map<String, String> out = new LinkedHashMap<>();
            keys.forEach(k -> out.put(k, k.toUpperCase()));
            return out;
        };
    }

    /** Starts a lookup on its own thread; the returned future holds that thread's answer. */
    private Future<String> lookupOnThread(LookupBatcher<String, String> batcher, String key) {
        return pool.submit(() -> batcher.lookup(key).get(10, TimeUnit.SECONDS));
    }

    @Test
    void lookupsRunningAtTheSameTimeShareOneQueryAndAFullBatchIsSealedAtOnce() throws Exception {
        int n = 8;
        LookupBatcher<String, String> batcher = new LookupBatcher<>(n, FOREVER, upperCase());
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(lookupOnThread(batcher, "k" + i));
        }
        for (int i = 0; i < n; i++) {
            assertEquals("K" + i, answers.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, batches.size(), "one query for all " + n + " lookups: " + batches);
        assertEquals(Set.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"), Set.copyOf(batches.get(0)));
    }

    @Test
    void equalKeysInOneBatchShareOneFutureAndOnlyTheOpenerWaits() throws Exception {
        LookupBatcher<String, String> batcher = new LookupBatcher<>(2, FOREVER, upperCase());
        CompletableFuture<CompletableFuture<String>> openers = new CompletableFuture<>();
        Thread opener = new Thread(() -> openers.complete(batcher.lookup("a")));
        opener.start();
        awaitWaiting(opener);
        CompletableFuture<String> again = batcher.lookup("a");
        assertTrue(!again.isDone(), "a lookup joining a batch returns at once, before the batch ran");
        CompletableFuture<String> other = batcher.lookup("b");
        assertEquals("A", again.get(10, TimeUnit.SECONDS));
        assertEquals("B", other.get(10, TimeUnit.SECONDS));
        assertSame(again, openers.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a", "b")), batches, "the second 'a' did not count towards the batch size");
        opener.join(10_000);
    }

    @Test
    void theWaitSealsABatchThatIsNotFull() throws Exception {
        LookupBatcher<String, String> batcher = new LookupBatcher<>(100, Duration.ofMillis(20), upperCase());
        CompletableFuture<String> answer = batcher.lookup("alone");
        assertTrue(answer.isDone(), "the caller that opened the batch ran it before returning");
        assertEquals("ALONE", answer.get(10, TimeUnit.SECONDS));
        assertEquals("LATER", batcher.lookup("later").get(10, TimeUnit.SECONDS), "a sealed batch is not reused");
        assertEquals(List.of(List.of("alone"), List.of("later")), batches);
    }

    @Test
    void lookupsArrivingAfterTheSealOpenTheNextBatch() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<Set<String>, Map<String, String>> query = upperCase();
        LookupBatcher<String, String> batcher = new LookupBatcher<>(2, FOREVER, keys -> {
            if (keys.contains("a")) {
                firstRunning.countDown();
                await(release);
            }
            return query.apply(keys);
        });
        Future<String> a = lookupOnThread(batcher, "a");
        Future<String> b = lookupOnThread(batcher, "b");
        assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
        // the first batch is sealed and still running: these two make a batch of their own and finish first
        Future<String> c = lookupOnThread(batcher, "c");
        Future<String> d = lookupOnThread(batcher, "d");
        assertEquals("C", c.get(10, TimeUnit.SECONDS));
        assertEquals("D", d.get(10, TimeUnit.SECONDS));
        assertTrue(!a.isDone() && !b.isDone(), "the first batch is still running");
        release.countDown();
        assertEquals("A", a.get(10, TimeUnit.SECONDS));
        assertEquals("B", b.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("c", "d"), List.of("a", "b")),
                batches.stream().map(x -> x.stream().sorted().toList()).toList());
    }

    @Test
    void aFailingQueryFailsEveryLookupOfTheBatch() throws Exception {
        IllegalStateException boom = new IllegalStateException("service down");
        LookupBatcher<String, String> batcher = new LookupBatcher<>(3, FOREVER, keys -> {
            throw boom;
        });
        List<Future<String>> answers = List.of(lookupOnThread(batcher, "a"), lookupOnThread(batcher, "b"),
                lookupOnThread(batcher, "c"));
        for (Future<String> f : answers) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            // the thread's own get() threw ExecutionException(boom); the pool wraps that once more
            assertSame(boom, e.getCause().getCause());
        }
    }

    @Test
    void anErrorFromTheQueryAlsoReachesEveryLookup() {
        AssertionError error = new AssertionError("out of something");
        LookupBatcher<String, String> batcher = new LookupBatcher<>(1, FOREVER, keys -> {
            throw error;
        });
        CompletableFuture<String> answer = batcher.lookup("a");
        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
        assertSame(error, e.getCause());
    }

    @Test
    void aKeyTheQueryLeavesOutGetsNull() throws Exception {
        LookupBatcher<String, String> batcher = new LookupBatcher<>(1, FOREVER, keys -> Map.of());
        assertNull(batcher.lookup("missing").get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptWhileWaitingSealsTheBatchEarlyAndStaysSet() throws Exception {
        LookupBatcher<String, String> batcher = new LookupBatcher<>(10, FOREVER, upperCase());
        Thread.currentThread().interrupt();
        CompletableFuture<String> answer;
        try {
            answer = batcher.lookup("a");
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
        assertEquals("A", answer.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a")), batches);
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LookupBatcher<String, String>(0, FOREVER, upperCase()));
        assertEquals("batchSize must be at least 1, got 0", e.getMessage());
    }

    /** Until {@code t} waits for others to join its batch (the only timed wait in a lookup). */
    private static void awaitWaiting(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the opening lookup never started waiting: " + t.getState());
            }
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the batch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
