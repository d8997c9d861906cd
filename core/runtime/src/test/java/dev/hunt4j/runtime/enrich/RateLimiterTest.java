package dev.hunt4j.runtime.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limiter against a fake clock: exact timings, no sleeping. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    @Test
    void aFullBucketLetsABurstThroughThenEachTokenReturnsOneWindowAfterItsAnswer() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimiter l = new RateLimiter(RateLimit.parse("4/minute", "k"), clock);
        long t0 = clock.nanoTime();
        for (int i = 0; i < 4; i++) {
            l.acquire().release();
            assertEquals(t0, clock.nanoTime(), "the first four go at once");
        }
        l.acquire().release();
        assertEquals(t0 + MINUTE, clock.nanoTime(), "the fifth waits until the first token is back");
        clock.advance(10 * SECOND);
        for (int i = 0; i < 3; i++) {
            l.acquire().release();
        }
        assertEquals(t0 + MINUTE + 10 * SECOND, clock.nanoTime(), "tokens 2-4 came back at t0+60s");
        l.acquire().release();
        assertEquals(t0 + 2 * MINUTE, clock.nanoTime(), "token 5 comes back 60s after it was given back");
        assertEquals(9, l.granted());
    }

    @Test
    void theWindowCountsFromTheAnswerSoSlowRequestsCannotBunchUpAtTheService() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimiter l = new RateLimiter(RateLimit.parse("1/minute", "k"), clock);
        long t0 = clock.nanoTime();
        RateLimiter.Permit p = l.acquire();
        clock.advance(10 * SECOND); // the request took 10 s to be answered
        p.release();
        l.acquire().release();
        assertEquals(t0 + 70 * SECOND, clock.nanoTime());
    }

    @Test
    void neverMoreThanTheLimitArriveInAnyWindowWhateverTheLatency() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimiter l = new RateLimiter(new RateLimit(4, Duration.ofMinutes(1)), clock);
        List<Long> arrivals = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            if (random.nextInt(10) == 0) {
                clock.advance(random.nextInt(90) * SECOND); // idle gaps between bursts
            }
            RateLimiter.Permit p = l.acquire();
            long start = clock.nanoTime();
            long latency = random.nextInt(3000) * 1_000_000L;
            arrivals.add(start + (latency == 0 ? 0 : random.nextLong(latency))); // somewhere between start and answer
            clock.advance(latency);
            p.release();
        }
        assertWindowsHold(arrivals, 4, MINUTE);
        FakeTicker c2 = new FakeTicker();
        RateLimiter l2 = new RateLimiter(new RateLimit(4, Duration.ofMinutes(1)), c2);
        long t0 = c2.nanoTime();
        for (int i = 0; i < 1000; i++) {
            l2.acquire().release();
        }
        assertEquals(t0 + (1000 / 4 - 1) * MINUTE, c2.nanoTime(), "back to back, exactly the limit in the long run");
    }

    @Test
    void concurrentCallersShareTheLimit() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimiter l = new RateLimiter(new RateLimit(5, Duration.ofSeconds(1)), clock);
        long t0 = clock.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            pool.submit(() -> {
                l.acquire().release();
                return null;
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
        assertEquals(400, l.granted());
        assertTrue(clock.nanoTime() - t0 >= (400 / 5 - 1) * SECOND, "400 requests at 5/s take at least 79s");
    }

    @Test
    void pauseHoldsEveryRequestBack() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimiter l = RateLimiter.unlimited(clock);
        long t0 = clock.nanoTime();
        l.acquire().release();
        l.pauseUntil(t0 + 30 * SECOND);
        l.pauseUntil(t0 + 10 * SECOND); // a shorter pause does not cut a longer one short
        l.acquire().release();
        assertEquals(t0 + 30 * SECOND, clock.nanoTime());
        l.acquire().release();
        assertEquals(t0 + 30 * SECOND, clock.nanoTime(), "the pause is over");
    }

    @Test
    void tryAcquireNeverWaitsAndSaysHowLongUntilTheNextPermit() {
        FakeTicker clock = new FakeTicker();
        RateLimiter quota = new RateLimiter(RateLimit.parse("2/day", "k"), clock);
        quota.tryAcquire().release();
        clock.advance(Duration.ofHours(1).toNanos());
        RateLimiter.Permit second = quota.tryAcquire();
        assertNotNull(second);
        second.release();
        second.release(); // idempotent
        assertNull(quota.tryAcquire());
        assertEquals(Duration.ofHours(23).toNanos(), quota.nanosUntilNext());
        assertEquals(2, quota.granted());
        clock.advance(Duration.ofHours(23).toNanos());
        assertNotNull(quota.tryAcquire());
    }

    @Test
    void ratesParseInTheFormsServicesStateThem() {
        assertEquals(new RateLimit(4, Duration.ofMinutes(1)), RateLimit.parse("4/minute", "k"));
        assertEquals(new RateLimit(4, Duration.ofMinutes(1)), RateLimit.parse("4 per min", "k"));
        assertEquals(new RateLimit(500, Duration.ofDays(1)), RateLimit.parse("500/day", "k"));
        assertEquals(new RateLimit(1000, Duration.ofDays(1)), RateLimit.parse("1000/days", "k"));
        assertEquals(new RateLimit(10, Duration.ofSeconds(1)), RateLimit.parse("10/s", "k"));
        assertEquals(new RateLimit(50, Duration.ofMillis(100)), RateLimit.parse("50/100ms", "k"));
        assertEquals(new RateLimit(4, Duration.ofSeconds(30)), RateLimit.parse("4/30s", "k"));
        assertEquals(new RateLimit(15500, Duration.ofDays(30)), RateLimit.parse("15500/month", "k"));
        assertEquals("4/minute", RateLimit.parse("4/min", "k").toString());
        assertEquals(4.0 / 60, RateLimit.parse("4/min", "k").perSecond(), 1e-9);
        for (String bad : new String[] {"fast", "0/min", "4/fortnight", "4", "/min", "-1/s"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RateLimit.parse(bad, "enrichers.vt.rate_limit"));
            assertTrue(e.getMessage().contains("enrichers.vt.rate_limit") && e.getMessage().contains("4/minute"), e.getMessage());
        }
    }

    static void assertWindowsHold(List<Long> times, int permits, long window) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        for (int i = 0; i + permits < sorted.size(); i++) {
            long gap = sorted.get(i + permits) - sorted.get(i);
            assertTrue(gap >= window, "arrivals " + i + " and " + (i + permits) + " are only " + gap + " ns apart: "
                    + (permits + 1) + " requests in one window");
        }
    }
}
