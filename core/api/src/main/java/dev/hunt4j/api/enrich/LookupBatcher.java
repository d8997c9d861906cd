package dev.hunt4j.api.enrich;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Lets lookups running at the same time share one batch query. A lookup joins the open batch; the one that opened it
 * waits up to {@code wait} for others (less once {@code batchSize} keys are in: a full batch is sealed at once), seals
 * it, runs the query for all its keys and completes every member's future; the others wait on their futures. A lookup
 * arriving after the seal opens the next batch. Thread-safe.
 *
 * @param <K> the lookup key (equal keys in one batch share one future)
 * @param <V> the answer for one key
 */
public final class LookupBatcher<K, V> {
    private final int batchSize;
    private final long waitNanos;
    private final Function<Set<K>, Map<K, V>> query;
    private final Object lock = new Object();
    /** The batch still taking keys; guarded by {@link #lock}. */
    private Batch<K, V> open;

    private static final class Batch<K, V> {
        final Map<K, CompletableFuture<V>> items = new LinkedHashMap<>();
        boolean sealed;
    }

    /**
     * @param query the batch query: the batch's keys (in arrival order) to their answers; a key missing from its result
     *              gets {@code null}, and whatever it throws fails every lookup of the batch
     */
    public LookupBatcher(int batchSize, Duration wait, Function<Set<K>, Map<K, V>> query) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.waitNanos = wait.toNanos();
        this.query = Objects.requireNonNull(query, "query");
    }

    /**
     * Adds {@code key} to the open batch and returns its answer. The caller that opened the batch runs it before
     * returning (its future is then done); for the others the future completes when that caller has run it. An
     * interrupt while waiting for others seals the batch early and stays set.
     */
    public CompletableFuture<V> lookup(K key) {
        Batch<K, V> batch;
        CompletableFuture<V> mine;
        boolean leader;
        synchronized (lock) {
            leader = open == null;
            if (leader) {
                open = new Batch<>();
            }
            batch = open;
            mine = batch.items.computeIfAbsent(key, k -> new CompletableFuture<>());
            if (batch.items.size() >= batchSize) {
                seal(batch);
            }
        }
        if (leader) {
            awaitOthers(batch);
            run(batch);
        }
        return mine;
    }

    private void seal(Batch<K, V> b) {
        b.sealed = true;
        if (open == b) {
            open = null;
        }
        lock.notifyAll();
    }

    private void awaitOthers(Batch<K, V> b) {
        synchronized (lock) {
            long end = System.nanoTime() + waitNanos;
            while (!b.sealed) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            seal(b);
        }
    }

    /** Sealed batches are never changed again, so the keys are read outside the lock. */
    private void run(Batch<K, V> b) {
        try {
            Map<K, V> answers = query.apply(Collections.unmodifiableSet(b.items.keySet()));
            b.items.forEach((k, f) -> f.complete(answers == null ? null : answers.get(k)));
        } catch (Throwable e) {
            // no member may be left waiting, whatever the query threw; the caller reads it from its own future
            b.items.values().forEach(f -> f.completeExceptionally(e));
        }
    }
}
