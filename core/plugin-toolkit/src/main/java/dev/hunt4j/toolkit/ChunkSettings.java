package dev.hunt4j.toolkit;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long time ranges are split (add {@link #KNOWN} to the plugin's {@code knownSettings()}).
 *
 * @param splitBy     chunk length ({@code split_by}); null: no splitting (the default)
 * @param maxParallel chunks fetched at once ({@code max_parallel}, 1..16, default 4)
 * @param policy      what a failed chunk does ({@code on_chunk_error: fail|keep}, default fail)
 */
public record ChunkSettings(Duration splitBy, int maxParallel, ChunkPolicy policy) {

    /** The keys read by {@link #from}, with their meaning. */
    public static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("split_by", "split a query's time range into chunks of this length, e.g. 1d (default: no splitting)");
        m.put("max_parallel", "time chunks fetched at once (1..16, default 4)");
        m.put("on_chunk_error", "fail (default): stop at a failed chunk; keep: log it, skip it and return the rest");
        KNOWN = Map.copyOf(m);
    }

    /** No splitting, 4 in parallel, fail fast. */
    public static ChunkSettings defaults() {
        return new ChunkSettings(null, 4, ChunkPolicy.FAIL_FAST);
    }

    /** @throws ConfigurationException naming the key path of a bad value */
    public static ChunkSettings from(PluginSettings s) {
        String kp = s.keyPath();
        Duration split = s.duration("split_by", Duration.ZERO);
        if (split.isNegative() || !split.isZero() && split.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigurationException("setting '" + kp + ".split_by' must be at least 1m, got " + split);
        }
        long parallel = s.longValue("max_parallel", 4);
        if (parallel < 1 || parallel > 16) {
            throw new ConfigurationException("setting '" + kp + ".max_parallel' must be between 1 and 16, got " + parallel);
        }
        String onError = s.string("on_chunk_error").orElse("fail").trim().toLowerCase(Locale.ROOT);
        ChunkPolicy policy = switch (onError) {
            case "fail", "fail_fast", "fail-fast" -> ChunkPolicy.FAIL_FAST;
            case "keep", "keep_partial", "keep-partial", "partial" -> ChunkPolicy.KEEP_PARTIAL;
            default -> throw new ConfigurationException("setting '" + kp + ".on_chunk_error' must be 'fail' or 'keep', got '"
                    + onError + "'");
        };
        return new ChunkSettings(split.isZero() ? null : split, (int) parallel, policy);
    }

    /** A pool for fetching chunks ahead, daemon threads named after the provider; shut it down on close. */
    public static ExecutorService newExecutor(String providerName) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hunt4j-" + providerName + "-chunk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
