package dev.hunt4j.runtime.enrich;

import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Enforces a {@link RateLimit} strictly, as the service counts: at most {@code permits} requests arrive in any window
 * of the limit's length, wherever the window is placed, however long each request takes to get there.
 *
 * <p>It is a bucket of {@code permits} tokens. A request takes a token and gives it back when it is answered; the
 * token can be taken again one window after that. Counting the window from the answer rather than from the start
 * is what makes the guarantee hold at the service's end: a request arrives somewhere between its start and its
 * answer, so the next request using the same token arrives at least a window later. (A classic bucket that refills
 * continuously lets up to twice the limit through in one window — a full bucket plus a window's refill — and one
 * that counts from the start lets a slow request and a fast one land in the same window.) A full bucket allows a
 * burst of {@code permits} requests, so a small batch is not slowed down at all; in the long run the rate is the
 * limit, less the requests' latency per window.
 *
 * <p>Thread-safe. Time and waiting go through a {@link Ticker}, so tests use a fake clock.
 */
public final class RateLimiter {
    /** A taken token; give it back with {@link #release()} when the request is answered (or failed). */
    public final class Permit {
        private long availableAt;
        private boolean held;

        private Permit() {
        }

        /** Gives the token back: it can be taken again one window from now. Idempotent. */
        public void release() {
            synchronized (RateLimiter.this) {
                if (!held) {
                    return;
                }
                held = false;
                if (limit != null) {
                    availableAt = ticker.nanoTime() + windowNanos;
                    tokens.add(this);
                }
            }
        }
    }

    private final RateLimit limit;
    private final Ticker ticker;
    private final long windowNanos;
    // tokens not in use, the one available soonest first; tokens in use are out of the queue
    private final PriorityQueue<Permit> tokens;
    private long pausedUntil;
    private boolean paused;
    private long granted;

    public RateLimiter(RateLimit limit, Ticker ticker) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.windowNanos = limit.window().toNanos();
        this.tokens = new PriorityQueue<>(limit.permits(), (a, b) -> Long.compare(a.availableAt - b.availableAt, 0));
        long now = ticker.nanoTime() - windowNanos;
        for (int i = 0; i < limit.permits(); i++) {
            Permit p = new Permit();
            p.availableAt = now;
            tokens.add(p);
        }
    }

    private RateLimiter(Ticker ticker) {
        this.limit = null;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.windowNanos = 0;
        this.tokens = null;
    }

    /** A limiter that only holds requests back while paused ({@link #pauseUntil}). */
    public static RateLimiter unlimited(Ticker ticker) {
        return new RateLimiter(ticker);
    }

    /** The limit, or {@code null} when {@link #unlimited}. */
    public RateLimit limit() {
        return limit;
    }

    /** Waits until a request may start and takes a token for it. */
    public Permit acquire() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = ticker.nanoTime();
                wait = waitNanos(now);
                if (wait <= 0) {
                    return take();
                }
            }
            ticker.sleep(wait);
        }
    }

    /**
     * Takes a token if a request may start now; otherwise takes nothing and returns {@code null} (used for quotas,
     * where waiting a day is not an option: {@link #nanosUntilNext()} says how long).
     */
    public synchronized Permit tryAcquire() {
        return waitNanos(ticker.nanoTime()) <= 0 ? take() : null;
    }

    /** How long until a request may start: 0 now, {@link Long#MAX_VALUE} while every token is in use. */
    public synchronized long nanosUntilNext() {
        return Math.max(0, waitNanos(ticker.nanoTime()));
    }

    /** Holds every request back until the ticker reaches {@code nanoTime} (a service's {@code Retry-After}). */
    public synchronized void pauseUntil(long nanoTime) {
        if (!paused || nanoTime - pausedUntil > 0) {
            pausedUntil = nanoTime;
            paused = true;
        }
    }

    /** Tokens taken so far. */
    public synchronized long granted() {
        return granted;
    }

    private long waitNanos(long now) {
        long wait = 0;
        if (tokens != null) {
            Permit first = tokens.peek();
            // every token in use: wait for an answer (a poll interval, as a release does not wake sleepers)
            wait = first == null ? Math.min(windowNanos, 10_000_000L) : first.availableAt - now;
        }
        if (paused) {
            long p = pausedUntil - now;
            if (p <= 0) {
                paused = false;
            } else {
                wait = Math.max(wait, p);
            }
        }
        return wait;
    }

    private Permit take() {
        granted++;
        Permit p = tokens == null ? new Permit() : tokens.poll();
        p.held = true;
        return p;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + (limit == null ? "unlimited" : limit) + "]";
    }
}
