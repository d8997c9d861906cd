package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the engine treats one configured TI provider: the keys below sit next to the plugin's own settings in the
 * provider's config section and are taken out before the plugin sees them.
 * <pre>
 * enrichers:
 *   vt:
 *     type: virustotal
 *     api_key: env:VT_KEY
 *     rate_limit: 4/minute        # engine settings from here on
 *     quota: 500/day
 *     persistent_cache: ~/.hunt4j/ti-cache
 * </pre>
 *
 * @param primary         in the {@code primary} scope (default true; MSTICPy's {@code Primary})
 * @param rateLimit       at most this many requests per window, or {@code null} for no limit
 * @param quota           a budget that is not waited for: once spent, lookups come back throttled; or {@code null}
 * @param concurrency     lookups in flight at once (default 4)
 * @param timeout         the longest one lookup may take (default 30s)
 * @param retries         retries after throttling, timeouts and transient failures (default 3)
 * @param retryBackoff    first wait before a retry without {@code Retry-After}, doubled each time (default 1s)
 * @param maxRetryAfter   the longest {@code Retry-After} honoured; a longer one ends the lookup as throttled (default 5m)
 * @param cacheTtl        how long answers are reused (default 24h; 0 turns caching off)
 * @param cacheSize       answers kept in memory (default 100,000)
 * @param persistentCache folder of the on-disk cache, or {@code null} for none
 * @param globalIpsOnly   refuse IP addresses outside the global unicast space (default true)
 * @param encodeUrls      percent-encode URLs before handing them to the plugin (default false)
 */
public record ProviderOptions(boolean primary, RateLimit rateLimit, RateLimit quota, int concurrency, Duration timeout,
                              int retries, Duration retryBackoff, Duration maxRetryAfter, Duration cacheTtl, long cacheSize,
                              Path persistentCache, boolean globalIpsOnly, boolean encodeUrls) {

    /** The engine's keys, with their meaning (merged with the plugin's {@code knownSettings()}). */
    public static final Map<String, String> KEYS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("primary", "part of the primary provider scope (default true)");
        m.put("rate_limit", "at most this many requests per window, e.g. 4/minute (default: no limit)");
        m.put("quota", "a request budget, e.g. 500/day; once spent, lookups come back throttled");
        m.put("concurrency", "lookups in flight at once (default 4)");
        m.put("timeout", "the longest one lookup may take (default 30s)");
        m.put("retries", "retries after throttling, timeouts and transient failures (default 3)");
        m.put("retry_backoff", "first wait before a retry when the service gives no Retry-After, doubled each time (default 1s)");
        m.put("max_retry_after", "the longest Retry-After honoured; longer ends the lookup as throttled (default 5m)");
        m.put("cache_ttl", "how long answers are reused (default 24h; 0 turns caching off)");
        m.put("cache_size", "answers kept in memory (default 100000)");
        m.put("persistent_cache", "folder for an on-disk cache, so re-runs do not spend quota (default: none)");
        m.put("global_ips_only", "refuse private, loopback, documentation and other non-global IP addresses (default true)");
        m.put("encode_urls", "percent-encode URLs before the plugin sees them (default false)");
        KEYS = java.util.Collections.unmodifiableMap(m);
    }

    public ProviderOptions {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency must be between 1 and 256, got " + concurrency);
        }
    }

    /** Defaults: primary, no limits, 4 at once, 30s timeout, 3 retries, a 24h in-memory cache. */
    public static ProviderOptions defaults() {
        return new ProviderOptions(true, null, null, 4, Duration.ofSeconds(30), 3, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofHours(24), 100_000, null, true, false);
    }

    /**
     * Reads the engine's keys from a provider's settings.
     *
     * @throws ConfigurationException naming the key path of a bad value
     */
    public static ProviderOptions from(PluginSettings s) {
        return from(s, defaults());
    }

    /** Reads the engine's keys from a provider's settings; keys not set take their value from {@code d}. */
    static ProviderOptions from(PluginSettings s, ProviderOptions d) {
        String kp = s.keyPath();
        long concurrency = s.longValue("concurrency", d.concurrency);
        if (concurrency < 1 || concurrency > 256) {
            throw new ConfigurationException("setting '" + kp + ".concurrency' must be between 1 and 256, got " + concurrency);
        }
        long retries = s.longValue("retries", d.retries);
        if (retries < 0 || retries > 20) {
            throw new ConfigurationException("setting '" + kp + ".retries' must be between 0 and 20, got " + retries);
        }
        long size = s.longValue("cache_size", d.cacheSize);
        if (size < 0) {
            throw new ConfigurationException("setting '" + kp + ".cache_size' must not be negative, got " + size);
        }
        Duration timeout = positive(s, "timeout", d.timeout);
        if (timeout.isZero()) {
            throw new ConfigurationException("setting '" + kp + ".timeout' must be positive");
        }
        return new ProviderOptions(s.bool("primary", d.primary),
                s.string("rate_limit").map(t -> RateLimit.parse(t, kp + ".rate_limit")).orElse(null),
                s.string("quota").map(t -> RateLimit.parse(t, kp + ".quota")).orElse(null),
                (int) concurrency, timeout, (int) retries, positive(s, "retry_backoff", d.retryBackoff),
                positive(s, "max_retry_after", d.maxRetryAfter), positive(s, "cache_ttl", d.cacheTtl), size,
                s.string("persistent_cache").map(p -> s.baseDir().resolve(expandHome(p))).orElse(null),
                s.bool("global_ips_only", d.globalIpsOnly), s.bool("encode_urls", d.encodeUrls));
    }

    /** The settings without the engine's keys: what the plugin is given. */
    public static PluginSettings pluginPart(PluginSettings s) {
        Map<String, Object> rest = new LinkedHashMap<>(s.settings());
        rest.keySet().removeAll(KEYS.keySet());
        return new PluginSettings(s.name(), s.keyPath(), rest, s.baseDir());
    }

    public ProviderOptions withRateLimit(RateLimit value) {
        return new ProviderOptions(primary, value, quota, concurrency, timeout, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withQuota(RateLimit value) {
        return new ProviderOptions(primary, rateLimit, value, concurrency, timeout, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withConcurrency(int value) {
        return new ProviderOptions(primary, rateLimit, quota, value, timeout, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withPrimary(boolean value) {
        return new ProviderOptions(value, rateLimit, quota, concurrency, timeout, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withTimeout(Duration value) {
        return new ProviderOptions(primary, rateLimit, quota, concurrency, value, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withRetries(int value, Duration backoff) {
        return new ProviderOptions(primary, rateLimit, quota, concurrency, timeout, value, backoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withCache(Duration ttl, long size) {
        return new ProviderOptions(primary, rateLimit, quota, concurrency, timeout, retries, retryBackoff, maxRetryAfter,
                ttl, size, persistentCache, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withPersistentCache(Path folder) {
        return new ProviderOptions(primary, rateLimit, quota, concurrency, timeout, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, folder, globalIpsOnly, encodeUrls);
    }

    public ProviderOptions withGlobalIpsOnly(boolean value) {
        return new ProviderOptions(primary, rateLimit, quota, concurrency, timeout, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, value, encodeUrls);
    }

    public ProviderOptions withEncodeUrls(boolean value) {
        return new ProviderOptions(primary, rateLimit, quota, concurrency, timeout, retries, retryBackoff, maxRetryAfter,
                cacheTtl, cacheSize, persistentCache, globalIpsOnly, value);
    }

    private static Duration positive(PluginSettings s, String key, Duration def) {
        Duration v = s.duration(key, def);
        if (v.isNegative()) {
            throw new ConfigurationException("setting '" + s.keyPath() + "." + key + "' must not be negative, got " + v);
        }
        return v;
    }

    private static String expandHome(String p) {
        return p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
    }
}
