package dev.hunt4j.runtime.enrich;

/**
 * The time source and sleeper of the enrichment engine: rate limits, quotas, back-off and {@code Retry-After}
 * waits all read and wait through it, so tests drive them with a fake clock instead of sleeping.
 */
public interface Ticker {

    /** A monotonic time in nanoseconds (only differences mean anything). */
    long nanoTime();

    /** Waits for {@code nanos}; a fake ticker advances its clock instead. */
    void sleep(long nanos) throws InterruptedException;

    /** Milliseconds since the epoch, for cache entry ages that must survive a restart. */
    default long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** The real clock. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** {@link System#nanoTime()} and {@link Thread#sleep}. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }
    }
}
