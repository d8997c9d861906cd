package dev.hunt4j.runtime;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.api.render.RendererFactory;
import dev.hunt4j.runtime.config.Hunt4jConfig;
import dev.hunt4j.runtime.config.InstanceConfig;
import dev.hunt4j.runtime.config.Suggestions;
import dev.hunt4j.runtime.enrich.Enrichment;
import dev.hunt4j.runtime.enrich.KqlRunner;
import dev.hunt4j.runtime.enrich.SentinelTiFactory;
import dev.hunt4j.runtime.plugin.Extension;
import dev.hunt4j.runtime.plugin.PluginInfo;
import dev.hunt4j.runtime.plugin.PluginProblem;
import dev.hunt4j.runtime.plugin.PluginRuntime;
import dev.hunt4j.runtime.query.QueryStore;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The entry point for applications that embed hunt4j.
 * <pre>
 * try (Hunt4j h = Hunt4j.builder().config(Path.of("hunt4j.yaml")).pluginsDir(Path.of("plugins")).build()) {
 *     try (QueryResult r = h.provider("local").query("list_host_logons", Map.of("host_name", "WKS-07"), QueryOptions.defaults())) {
 *         Table t = r.toTable();
 *     }
 * }
 * </pre>
 * Thread-safe. Plugins come from plugin folders (zips), development roots (built plugin modules) and the
 * application classpath; a plugin that fails is listed in {@link #problems()} and the rest keep working.
 */
public final class Hunt4j implements AutoCloseable {
    /** The API version plugins are checked against ({@code plugin.requires}). */
    public static final String API_VERSION = "0.1.0";

    private final Hunt4jConfig config;
    private final PluginRuntime plugins;
    private final List<Path> queryPaths;
    private final UnaryOperator<String> environment;
    private final Map<String, DataProvider> connected = new LinkedHashMap<>();
    private QueryStore store;
    private Enrichment enrichment;

    private Hunt4j(Builder b) {
        this.config = b.config;
        this.environment = b.environment;
        List<Path> dirs = new ArrayList<>(b.pluginDirs);
        dirs.addAll(config.pluginDirs());
        this.plugins = PluginRuntime.start(dirs, b.developmentRoots, API_VERSION);
        this.queryPaths = new ArrayList<>(config.queryPaths());
        this.queryPaths.addAll(b.queryPaths);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every query known: the plugins' built-in libraries, then the config's and the builder's query folders.
     * Files that fail to load are reported by {@link QueryStore#loadErrors()}.
     */
    public synchronized QueryStore queries() {
        if (store == null) {
            QueryStore s = new QueryStore();
            for (Extension<QueryProviderFactory> f : plugins.extensions(QueryProviderFactory.class)) {
                for (URL url : f.instance().builtinQueryFiles()) {
                    s.addUrl(url, "plugin " + f.pluginId());
                }
            }
            queryPaths.forEach(s::addFolder);
            store = s;
        }
        return store;
    }

    /** Provider types available from plugins, by type. */
    public Map<String, QueryProviderFactory> providerTypes() {
        Map<String, QueryProviderFactory> out = new LinkedHashMap<>();
        for (Extension<QueryProviderFactory> e : plugins.extensions(QueryProviderFactory.class)) {
            out.putIfAbsent(e.instance().type(), e.instance());
        }
        return out;
    }

    /** Names usable with {@link #provider(String)}: configured instances, then plugin types not configured. */
    public List<String> providerNames() {
        TreeSet<String> names = new TreeSet<>(config.providers().keySet());
        names.addAll(providerTypes().keySet());
        return List.copyOf(names);
    }

    /**
     * A connected provider: a configured instance by name, or else a provider type with default settings.
     *
     * @throws ConfigurationException naming the known providers when there is none by that name, or a bad setting
     */
    public synchronized DataProvider provider(String name) {
        DataProvider existing = connected.get(name);
        if (existing != null) {
            return existing;
        }
        InstanceConfig instance = config.providers().get(name);
        String type = instance == null ? name : instance.type();
        Map<String, QueryProviderFactory> types = providerTypes();
        QueryProviderFactory factory = types.get(type);
        if (factory == null) {
            String why = instance == null ? "no provider named '" + name + "'" + Suggestions.didYouMean(name, providerNames())
                    : "provider '" + name + "' has type '" + type + "', but no loaded plugin provides it";
            throw new ConfigurationException(why + "; available: " + String.join(", ", providerNames()) + problemHint());
        }
        PluginSettings settings = instance == null ? PluginSettings.empty(name)
                : instance.resolve(factory.knownSettings(), environment);
        DataProvider p = new DataProvider(name, factory, factory.connect(settings), queries());
        connected.put(name, p);
        return p;
    }

    private String problemHint() {
        List<PluginProblem> p = problems();
        return p.isEmpty() ? "" : " (plugin problems: " + p + ")";
    }

    /** Enricher plugins found. */
    public List<Extension<EnricherFactory>> enricherTypes() {
        return plugins.extensions(EnricherFactory.class);
    }

    /**
     * The threat-intelligence engine over the config's {@code enrichers} section (created on first use, closed with
     * this facade). See {@link Enrichment}.
     */
    public synchronized Enrichment enrich() {
        if (enrichment == null) {
            enrichment = Enrichment.fromConfig(config.enrichers(), enricherTypes(), List.of(new SentinelTiFactory(this::kqlRunner)),
                    environment);
        }
        return enrichment;
    }

    /**
     * The configured query provider {@code name} as a KQL runner, for the {@code sentinel-ti} enricher. Only configured
     * instances count: a bare plugin type has no workspace or credentials.
     *
     * @throws ConfigurationException when no such provider is configured or it does not speak KQL
     */
    private KqlRunner kqlRunner(String name) {
        if (!config.providers().containsKey(name)) {
            throw new ConfigurationException("query provider '" + name + "' is not configured"
                    + Suggestions.didYouMean(name, config.providers().keySet()) + "; configured providers: "
                    + (config.providers().isEmpty() ? "none" : String.join(", ", config.providers().keySet()))
                    + " (add a provider of type sentinel under 'providers:' and name it here)");
        }
        DataProvider p = provider(name);
        if (!p.language().name().equals("kql")) {
            throw new ConfigurationException("query provider '" + name + "' is of type " + p.type() + ", which speaks "
                    + p.language().name() + ", not KQL; name a provider of type sentinel");
        }
        return (text, options) -> p.queryText(text, options).stream();
    }

    /** Analyzer plugins found. */
    public List<Extension<AnalyzerFactory>> analyzerTypes() {
        return plugins.extensions(AnalyzerFactory.class);
    }

    /** Renderer plugins found. */
    public List<Extension<RendererFactory>> rendererTypes() {
        return plugins.extensions(RendererFactory.class);
    }

    /** Loaded plugins. */
    public List<PluginInfo> plugins() {
        return plugins.plugins();
    }

    /** Plugins that could not be used, and why. */
    public List<PluginProblem> problems() {
        return plugins.problems();
    }

    /** The configuration in use. */
    public Hunt4jConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        // the enrichment engine first: its sentinel-ti lookups run through the connected providers
        if (enrichment != null) {
            enrichment.close();
        }
        connected.values().forEach(DataProvider::close);
        connected.clear();
        plugins.close();
    }

    /** Builds a {@link Hunt4j}. */
    public static final class Builder {
        private Hunt4jConfig config = Hunt4jConfig.empty();
        private final List<Path> pluginDirs = new ArrayList<>();
        private final List<Path> developmentRoots = new ArrayList<>();
        private final List<Path> queryPaths = new ArrayList<>();
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        /** Reads {@code hunt4j.yaml} or {@code msticpyconfig.yaml}. */
        public Builder config(Path file) {
            this.config = Hunt4jConfig.load(file);
            return this;
        }

        public Builder config(Hunt4jConfig value) {
            this.config = value;
            return this;
        }

        /** A folder of plugin zips (deployment mode); may be called more than once. */
        public Builder pluginsDir(Path dir) {
            pluginDirs.add(dir);
            return this;
        }

        /** A folder whose sub-folders are built plugin modules (development mode), e.g. {@code providers}. */
        public Builder developmentRoot(Path dir) {
            developmentRoots.add(dir);
            return this;
        }

        /** A folder of extra query files. */
        public Builder queryPath(Path dir) {
            queryPaths.add(dir);
            return this;
        }

        /** Adds or replaces a provider instance, as if it were in the config file. */
        public Builder provider(String name, String type, Map<String, Object> settings) {
            config.withProvider(name, type, settings);
            return this;
        }

        /** Where {@code env:NAME} secret references are looked up; {@link System#getenv} by default. */
        public Builder environment(UnaryOperator<String> lookup) {
            this.environment = lookup;
            return this;
        }

        public Hunt4j build() {
            return new Hunt4j(this);
        }
    }
}
