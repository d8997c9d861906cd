package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.runtime.enrich.SentinelTiQuery.Table;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The built-in {@code sentinel-ti} enricher type: looks observables up in Microsoft Sentinel's threat-intelligence
 * table ({@code ThreatIntelIndicators}, or the legacy {@code ThreatIntelligenceIndicator}) by running KQL through a
 * configured query provider (MSTICPy's {@code AzSTI}). It has no client of its own: {@code provider} names the query provider instance (default
 * {@code sentinel}), and the facade turns that name into a {@link KqlRunner}.
 * <pre>
 * enrichers:
 *   sentinel-ti:
 *     type: sentinel-ti
 *     provider: sentinel-prod     # a configured KQL query provider
 *     lookback: 30d
 *     table: auto                 # or ThreatIntelIndicators, ThreatIntelligenceIndicator
 * </pre>
 */
public final class SentinelTiFactory implements EnricherFactory, EngineDefaults {
    public static final String TYPE = "sentinel-ti";
    static final String DEFAULT_PROVIDER = "sentinel";
    static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);
    static final int DEFAULT_BATCH = 100;
    static final Duration DEFAULT_BATCH_WAIT = Duration.ofMillis(200);
    static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provider", "the configured KQL query provider (a Sentinel workspace) to query (default sentinel)");
        m.put("lookback", "indicators ingested within this time before the lookup (default 30d)");
        m.put("table", "auto (default: ThreatIntelIndicators, or ThreatIntelligenceIndicator when the workspace lacks it), "
                + "ThreatIntelIndicators or ThreatIntelligenceIndicator");
        m.put("high_confidence", "an active indicator with at least this confidence (0-100) rates high (default 80)");
        m.put("batch_size", "observables of one kind sent in one query (default 100, at most 1000)");
        m.put("batch_wait", "how long the first lookup of a batch waits for others (default 200ms)");
        m.put("query_timeout", "the longest one query may run (default 2m)");
        KNOWN = java.util.Collections.unmodifiableMap(m);
    }

    private final Function<String, KqlRunner> providers;
    private final Clock clock;

    /**
     * @param providers the query provider instance of that name, as a runner; throws {@link ConfigurationException}
     *                  saying why when there is none or it does not speak KQL
     */
    public SentinelTiFactory(Function<String, KqlRunner> providers) {
        this(providers, Clock.systemUTC());
    }

    SentinelTiFactory(Function<String, KqlRunner> providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Microsoft Sentinel threat intelligence (ThreatIntelIndicators or the legacy ThreatIntelligenceIndicator), "
                + "through a configured Sentinel query provider";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return SentinelTiQuery.supportedTypes();
    }

    @Override
    public Map<String, String> knownSettings() {
        return KNOWN;
    }

    /** Enough lookups in flight at once to fill a batch, and time for a Log Analytics query. */
    @Override
    public ProviderOptions engineDefaults(ProviderOptions base) {
        return base.withConcurrency(Math.max(base.concurrency(), DEFAULT_BATCH))
                .withTimeout(base.timeout().compareTo(DEFAULT_QUERY_TIMEOUT) >= 0 ? base.timeout() : DEFAULT_QUERY_TIMEOUT.plusSeconds(30));
    }

    /**
     * @throws ConfigurationException naming {@code <key path>.provider} when that provider is not configured
     */
    @Override
    public Enricher create(PluginSettings settings) {
        String kp = settings.keyPath();
        String provider = settings.string("provider").orElse(DEFAULT_PROVIDER);
        long batch = settings.longValue("batch_size", DEFAULT_BATCH);
        if (batch < 1 || batch > 1000) {
            throw new ConfigurationException("setting '" + kp + ".batch_size' must be between 1 and 1000, got " + batch);
        }
        long high = settings.longValue("high_confidence", 80);
        if (high < 0 || high > 100) {
            throw new ConfigurationException("setting '" + kp + ".high_confidence' must be between 0 and 100, got " + high);
        }
        Duration lookback = settings.duration("lookback", DEFAULT_LOOKBACK);
        Duration queryTimeout = settings.duration("query_timeout", DEFAULT_QUERY_TIMEOUT);
        if (lookback.isNegative() || lookback.isZero() || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new ConfigurationException("settings '" + kp + ".lookback' and '" + kp + ".query_timeout' must be positive");
        }
        String tableName = settings.string("table").orElse("auto").strip();
        Table table = tableName.equalsIgnoreCase("auto") ? null : Table.named(tableName);
        if (table == null && !tableName.equalsIgnoreCase("auto")) {
            throw new ConfigurationException("setting '" + kp + ".table' must be auto, ThreatIntelIndicators or "
                    + "ThreatIntelligenceIndicator, got '" + tableName + "'");
        }
        KqlRunner runner;
        try {
            runner = providers.apply(provider);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("setting '" + kp + ".provider': " + e.getMessage(), e);
        }
        return new SentinelTiEnricher(settings.name(), provider, runner, lookback, (int) batch,
                settings.duration("batch_wait", DEFAULT_BATCH_WAIT), queryTimeout, high, table, clock);
    }
}
