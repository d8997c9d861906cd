package dev.hunt4j.runtime.enrich;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when someone sleeps on it (or a test advances it): no real waiting in tests. */
final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(long n) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.add(n);
        advance(n);
        Thread.yield();
    }

    @Override
    public long currentTimeMillis() {
        return millis.get();
    }

    void advance(long n) {
        nanos.addAndGet(n);
        millis.addAndGet(n / 1_000_000);
    }

    long sleptNanos() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }
}
