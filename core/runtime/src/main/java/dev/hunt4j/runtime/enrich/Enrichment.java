package dev.hunt4j.runtime.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.runtime.config.InstanceConfig;
import dev.hunt4j.runtime.config.Suggestions;
import dev.hunt4j.runtime.plugin.Extension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threat-intelligence engine: looks observables up at the configured providers, concurrently across providers
 * and observables, within each provider's rate limit and quota, with retries, timeouts and caching.
 * <pre>
 * Enrichment ti = hunt4j.enrich();
 * TiResults r = ti.lookup("hxxp://evil[.]com/a.ps1");                          // type inferred, primary providers
 * TiResults batch = ti.lookup(LookupRequest.fromColumn(table, "RemoteIP", null).withProviders("vt", "feed"));
 * List&lt;IocSummary&gt; verdicts = batch.summary();                               // worst severity per observable
 * </pre>
 * Every observable is answered: a malformed one, one no chosen provider supports, or one a provider refused comes
 * back as a row whose status says why (unless the request says not to show those). Thread-safe; close it to stop
 * its threads and close the plugins' enrichers.
 */
public final class Enrichment implements AutoCloseable {
    /** The {@code Provider} of rows the engine answers itself (an observable no provider could take). */
    public static final String ENGINE = "hunt4j";

    private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);

    private final Map<String, ProviderLane> lanes = new LinkedHashMap<>();
    private final Map<String, TiProviderInfo> broken = new LinkedHashMap<>();
    private final Map<String, EnricherFactory> types;
    private final Map<String, ProviderLane> adHoc = new HashMap<>();
    private final Map<ProviderScope, List<ProviderLane>> byScope = new java.util.EnumMap<>(ProviderScope.class);
    /** Pre-processing results: analysts and alerts repeat observables, and refanging/typing is the costly part of a cache hit. */
    private final Cache<String, PreparedObservable> preparedCache = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Ticker ticker;
    private final ExecutorService calls;
    private final ExecutorService requests;
    private final ProviderOptions adHocOptions;
    private volatile boolean closed;

    private Enrichment(Builder b) {
        this.ticker = b.ticker;
        this.types = Map.copyOf(b.types);
        this.adHocOptions = b.defaults;
        this.calls = Executors.newCachedThreadPool(daemon("hunt4j-ti-call-"));
        this.requests = Executors.newCachedThreadPool(daemon("hunt4j-ti-request-"));
        for (Pending p : b.pending) {
            try {
                lanes.put(p.name, p.build(this));
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.warn("TI provider '{}' cannot be used: {}", p.name, why);
                broken.put(p.name, new TiProviderInfo(p.name, p.type, p.factory == null ? "" : p.factory.description(),
                        p.factory == null ? Set.of() : p.factory.supportedTypes(), null, why));
            }
        }
        for (ProviderScope scope : ProviderScope.values()) {
            byScope.put(scope, lanes.values().stream().filter(l -> switch (scope) {
                case PRIMARY -> l.options.primary();
                case SECONDARY -> !l.options.primary();
                case ALL -> true;
            }).toList());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The engine for a configuration's {@code enrichers} section: each instance is created by the plugin of its type,
     * with the plugin's settings checked against its {@code knownSettings()} plus the engine's keys
     * ({@link ProviderOptions#KEYS}). An instance that cannot be set up is listed with its problem in
     * {@link #providers()} and left out of lookups that do not name it.
     *
     * @param env where {@code env:NAME} secrets are looked up
     */
    public static Enrichment fromConfig(Map<String, InstanceConfig> instances, List<Extension<EnricherFactory>> factories,
                                        UnaryOperator<String> env) {
        return fromConfig(instances, factories, List.of(), env);
    }

    /**
     * As {@link #fromConfig(Map, List, UnaryOperator)}, with enricher types the host provides itself (such as
     * {@link SentinelTiFactory}); a plugin type of the same name is ignored.
     */
    public static Enrichment fromConfig(Map<String, InstanceConfig> instances, List<Extension<EnricherFactory>> factories,
                                        List<EnricherFactory> builtins, UnaryOperator<String> env) {
        Builder b = builder();
        for (EnricherFactory f : builtins) {
            b.types.put(f.type(), f);
        }
        for (Extension<EnricherFactory> e : factories) {
            b.types.putIfAbsent(e.instance().type(), e.instance());
        }
        for (InstanceConfig ic : instances.values()) {
            b.pending.add(new Pending(ic.name(), ic.type(), b.types.get(ic.type()), ic, null, env, null, null));
        }
        return b.build();
    }

    /** The configured providers in config order, usable or not. */
    public List<TiProviderInfo> providers() {
        List<TiProviderInfo> out = new ArrayList<>();
        for (ProviderLane l : lanes.values()) {
            out.add(new TiProviderInfo(l.name, l.type, l.description, l.supportedTypes, l.options, null));
        }
        out.addAll(broken.values());
        return out;
    }

    /** Enricher types the loaded plugins provide, by type; each can be named in a lookup even when not configured. */
    public Map<String, EnricherFactory> types() {
        return types;
    }

    /** Looks one observable up at the primary providers, its type inferred. */
    public TiResults lookup(String observable) {
        return lookup(observable, null);
    }

    /** Looks one observable up at the primary providers; {@code type} may be {@code null} to infer it. */
    public TiResults lookup(String observable, IocType type) {
        return lookup(LookupRequest.ofItems(List.of(new LookupRequest.Item(observable, type))));
    }

    /** Looks observables up at the primary providers, their types inferred. */
    public TiResults lookup(Collection<String> observables) {
        return lookup(LookupRequest.of(observables));
    }

    /** Runs {@code request} in the background. */
    public CompletableFuture<TiResults> submit(LookupRequest request) {
        return CompletableFuture.supplyAsync(() -> lookup(request), requests);
    }

    /**
     * Runs a lookup request and waits for every answer.
     *
     * @throws ConfigurationException when the request names a provider that does not exist or cannot be used
     */
    public TiResults lookup(LookupRequest request) {
        if (closed) {
            throw new IllegalStateException("the enrichment engine is closed");
        }
        long start = ticker.nanoTime();
        List<String> warnings = new ArrayList<>();
        boolean explicit = !request.providers().isEmpty();
        List<ProviderLane> chosen = explicit ? named(request.providers()) : scoped(request.scope(), warnings);

        // distinct observables, in input order; the same text with the same type is looked up once
        java.util.Collection<PreparedObservable> prepared;
        if (request.items().size() == 1) {
            LookupRequest.Item item = request.items().get(0);
            prepared = List.of(prepare(item.observable(), item.type() != null ? item.type() : request.type()));
        } else {
            Map<String, PreparedObservable> distinct = new LinkedHashMap<>();
            for (LookupRequest.Item item : request.items()) {
                IocType t = item.type() != null ? item.type() : request.type();
                PreparedObservable p = prepare(item.observable(), t);
                distinct.putIfAbsent(p.input() + '\u0000' + (t == null ? "" : t.id()), p);
            }
            prepared = distinct.values();
        }

        List<Slot> slots = new ArrayList<>();
        Progress progress = new Progress(request.progress(), ticker, start);
        for (PreparedObservable p : prepared) {
            if (!p.valid()) {
                if (request.showInvalid()) {
                    slots.add(Slot.of(engineRow(p, LookupStatus.INVALID, p.invalid())));
                }
                continue;
            }
            boolean anyTaker = false;
            for (ProviderLane lane : chosen) {
                if (!lane.supports(p.type())) {
                    if (explicit && request.showUnsupported()) {
                        slots.add(Slot.of(row(p, p.value(), lane.name, TiResult.failed(p.value(), p.type(), lane.name,
                                LookupStatus.UNSUPPORTED, lane.name + " does not look up " + p.type().id()
                                        + " observables (it takes " + ids(lane.supportedTypes) + ")"), false)));
                    }
                    continue;
                }
                anyTaker = true;
                if (p.nonGlobal() != null && lane.options.globalIpsOnly()) {
                    if (request.showInvalid()) {
                        slots.add(Slot.of(row(p, p.value(), lane.name, TiResult.failed(p.value(), p.type(), lane.name,
                                LookupStatus.INVALID, p.value() + " is not a global IP address (" + p.nonGlobal() + "); "
                                        + lane.name + " looks up global addresses only (set global_ips_only: false to change that)"),
                                false)));
                    }
                    continue;
                }
                String sent = lane.sendable(p);
                slots.add(new Slot(p, lane.name, sent, lane.lookup(sent, p.type()), null));
            }
            if (!anyTaker && !explicit && request.showUnsupported()) {
                String why = chosen.isEmpty() ? "no TI provider is configured" + (broken.isEmpty() ? "" : " and usable")
                        : "no " + request.scope().name().toLowerCase(java.util.Locale.ROOT) + " TI provider looks up "
                        + p.type().id() + " observables (providers: " + String.join(", ", chosen.stream().map(l -> l.name).toList()) + ")";
                slots.add(Slot.of(engineRow(p, LookupStatus.UNSUPPORTED, why)));
            }
        }
        progress.start(slots);

        List<TiRow> rows = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            if (s.row != null) {
                rows.add(s.row);
                continue;
            }
            ProviderLane.Answer a;
            try {
                a = s.future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Hunt4jException("interrupted while waiting for TI lookups", e);
            } catch (ExecutionException e) {
                throw new Hunt4jException("TI lookup failed: " + e.getCause(), e.getCause());
            }
            TiResult r = a.result();
            if (!request.includeRaw() && r.rawJson() != null) {
                r = new TiResult(r.ioc(), r.type(), r.provider(), r.subtype(), r.found(), r.severity(), r.details(), null,
                        r.reference(), r.status(), r.message());
            }
            rows.add(row(s.prepared, s.sent, s.provider, r, a.cached()));
        }
        progress.finish();
        return new TiResults(rows, warnings, Duration.ofNanos(ticker.nanoTime() - start));
    }

    private PreparedObservable prepare(String text, IocType type) {
        String key = type == null ? text : type.id() + '\u0000' + text;
        return preparedCache.get(key, k -> Observables.prepare(text, type));
    }

    private static String ids(Set<IocType> types) {
        return String.join(", ", new TreeSet<>(types.stream().map(IocType::id).toList()));
    }

    private TiRow engineRow(PreparedObservable p, LookupStatus status, String why) {
        return new TiRow(p.input(), p.type(), p.value(), null, ENGINE, false, Severity.UNKNOWN, Map.of(), null, null, status, why, false);
    }

    private static TiRow row(PreparedObservable p, String sent, String provider, TiResult r, boolean cached) {
        return new TiRow(p.input(), p.type(), sent, r.subtype(), provider, r.found(), r.severity(), r.details(), r.rawJson(),
                r.reference(), r.status(), r.status() == LookupStatus.OK ? null : r.message(), cached);
    }

    private List<ProviderLane> named(List<String> names) {
        List<ProviderLane> out = new ArrayList<>();
        for (String n : names) {
            ProviderLane l = lanes.get(n);
            if (l == null) {
                TiProviderInfo b = broken.get(n);
                if (b != null) {
                    throw new ConfigurationException("TI provider '" + n + "' cannot be used: " + b.problem());
                }
                l = adHoc(n);
            }
            if (!out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** A plugin type named in a lookup without being configured: created once with default settings. */
    private synchronized ProviderLane adHoc(String type) {
        ProviderLane l = adHoc.get(type);
        if (l != null) {
            return l;
        }
        EnricherFactory f = types.get(type);
        if (f == null) {
            List<String> known = new ArrayList<>(lanes.keySet());
            known.addAll(broken.keySet());
            types.keySet().stream().filter(t -> !known.contains(t)).forEach(known::add);
            throw new ConfigurationException("no TI provider named '" + type + "'" + Suggestions.didYouMean(type, known)
                    + "; configured: " + (lanes.isEmpty() && broken.isEmpty() ? "none" : String.join(", ", keysOf())) + "; plugin types: "
                    + (types.isEmpty() ? "none loaded" : String.join(", ", new TreeSet<>(types.keySet()))));
        }
        ProviderOptions opts = f instanceof EngineDefaults d ? d.engineDefaults(adHocOptions) : adHocOptions;
        l = new Pending(type, type, f, null, new PluginSettings(type, "enrichers." + type, Map.of(), null), UnaryOperator.identity(),
                opts, null).build(this);
        adHoc.put(type, l);
        return l;
    }

    private List<String> keysOf() {
        List<String> k = new ArrayList<>(lanes.keySet());
        k.addAll(broken.keySet());
        return k;
    }

    private List<ProviderLane> scoped(ProviderScope scope, List<String> warnings) {
        for (TiProviderInfo b : broken.values()) {
            // listed on every request so a batch's caller sees it next to the rows
            warnings.add("TI provider '" + b.name() + "' is configured but cannot be used: " + b.problem());
        }
        return byScope.get(scope);
    }

    /** Requests sent to a provider so far, retries included (for tests and benchmarks). */
    public long requestsSent(String provider) {
        ProviderLane l = lanes.containsKey(provider) ? lanes.get(provider) : adHoc.get(provider);
        return l == null ? 0 : l.requests();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProviderLane> all = new ArrayList<>(lanes.values());
        synchronized (this) {
            all.addAll(adHoc.values());
        }
        all.forEach(ProviderLane::close);
        calls.shutdownNow();
        requests.shutdownNow();
    }

    ExecutorService callExecutor() {
        return calls;
    }

    Ticker ticker() {
        return ticker;
    }

    /** One row to be: already known, or waiting for a provider. */
    private record Slot(PreparedObservable prepared, String provider, String sent, CompletableFuture<ProviderLane.Answer> future,
                        TiRow row) {
        static Slot of(TiRow row) {
            return new Slot(null, row.provider(), row.safeIoc(), null, row);
        }
    }

    /** Counts completions for the request's progress listener. */
    private static final class Progress {
        private final Consumer<EnrichProgress> listener;
        private final Ticker ticker;
        private final long start;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger cached = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private int total;

        Progress(Consumer<EnrichProgress> listener, Ticker ticker, long start) {
            this.listener = listener;
            this.ticker = ticker;
            this.start = start;
        }

        void start(List<Slot> slots) {
            if (listener == null) {
                return;
            }
            total = (int) slots.stream().filter(s -> s.future != null).count();
            for (Slot s : slots) {
                if (s.future != null) {
                    s.future.thenAccept(a -> {
                        if (a.cached()) {
                            cached.incrementAndGet();
                        }
                        if (a.result().status() != LookupStatus.OK) {
                            failed.incrementAndGet();
                        }
                        int d = done.incrementAndGet();
                        report(d);
                    });
                }
            }
        }

        private void report(int d) {
            try {
                listener.accept(new EnrichProgress(total, d, cached.get(), failed.get(), Duration.ofNanos(ticker.nanoTime() - start)));
            } catch (RuntimeException e) {
                LOG.debug("progress listener failed: {}", e.toString());
            }
        }

        void finish() {
            if (listener != null && total == 0) {
                report(0);
            }
        }
    }

    /** A provider to set up when the engine is built. */
    private record Pending(String name, String type, EnricherFactory factory, InstanceConfig config, PluginSettings settings,
                           UnaryOperator<String> env, ProviderOptions options, Enricher enricher) {
        ProviderLane build(Enrichment engine) {
            if (enricher != null) {
                return new ProviderLane(name, type, type, supportedOf(), enricher, options, List.of(), engine.ticker(), engine.callExecutor());
            }
            if (factory == null) {
                throw new ConfigurationException("no loaded plugin provides TI provider type '" + type + "'"
                        + Suggestions.didYouMean(type, engine.types().keySet()) + "; loaded types: "
                        + (engine.types().isEmpty() ? "none" : String.join(", ", new TreeSet<>(engine.types().keySet()))));
            }
            PluginSettings all = settings;
            if (all == null) {
                Map<String, String> known = factory.knownSettings();
                if (!known.isEmpty()) {
                    Map<String, String> merged = new LinkedHashMap<>(known);
                    merged.putAll(ProviderOptions.KEYS);
                    known = merged;
                }
                all = config.resolve(known, env);
            }
            ProviderOptions base = factory instanceof EngineDefaults d ? d.engineDefaults(ProviderOptions.defaults()) : ProviderOptions.defaults();
            ProviderOptions opts = options != null ? options : ProviderOptions.from(all, base);
            List<Secret> secrets = new ArrayList<>();
            collectSecrets(all.settings(), secrets);
            Enricher e = factory.create(ProviderOptions.pluginPart(all));
            if (e == null) {
                throw new ConfigurationException("the " + type + " plugin created no enricher for '" + name + "'");
            }
            return new ProviderLane(name, type, factory.description(), factory.supportedTypes(), e, opts, secrets,
                    engine.ticker(), engine.callExecutor());
        }

        private Set<IocType> supportedOf() {
            return factory == null ? Set.of() : factory.supportedTypes();
        }
    }

    private static void collectSecrets(Object value, List<Secret> out) {
        if (value instanceof Secret s) {
            out.add(s);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectSecrets(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectSecrets(v, out));
        }
    }

    /** Builds an {@link Enrichment} from factories or ready enrichers (embedding, tests, benchmarks). */
    public static final class Builder {
        private final Map<String, EnricherFactory> types = new LinkedHashMap<>();
        private final List<Pending> pending = new ArrayList<>();
        private Ticker ticker = Ticker.system();
        private ProviderOptions defaults = ProviderOptions.defaults();

        private Builder() {
        }

        /**
         * Adds a provider instance created by {@code factory}; {@code settings} may hold the plugin's keys and the
         * engine's ({@link ProviderOptions#KEYS}); values may be {@link Secret}s.
         */
        public Builder provider(String name, EnricherFactory factory, Map<String, Object> settings) {
            types.putIfAbsent(factory.type(), factory);
            pending.add(new Pending(name, factory.type(), factory, null,
                    new PluginSettings(name, "enrichers." + name, settings, null), UnaryOperator.identity(), null, null));
            return this;
        }

        /** Adds a ready enricher under {@code name}, run with {@code options}. */
        public Builder provider(String name, Enricher enricher, Set<IocType> supportedTypes, ProviderOptions options) {
            EnricherFactory f = new FixedFactory(name, supportedTypes);
            pending.add(new Pending(name, name, f, null, null, UnaryOperator.identity(), options, enricher));
            return this;
        }

        /** Makes a plugin type available to lookups that name it without configuring it. */
        public Builder type(EnricherFactory factory) {
            types.put(factory.type(), factory);
            return this;
        }

        /** Options for plugin types named in a lookup without being configured (default {@link ProviderOptions#defaults()}). */
        public Builder adHocOptions(ProviderOptions options) {
            this.defaults = options;
            return this;
        }

        /** The clock and sleeper (default: the system's). */
        public Builder ticker(Ticker value) {
            this.ticker = value;
            return this;
        }

        public Enrichment build() {
            return new Enrichment(this);
        }
    }

    /** Describes a ready enricher added through the builder. */
    private record FixedFactory(String name, Set<IocType> supportedTypes) implements EnricherFactory {
        @Override
        public String type() {
            return name;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public Enricher create(PluginSettings settings) {
            throw new UnsupportedOperationException("a ready enricher");
        }
    }
}
