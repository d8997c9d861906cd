package dev.hunt4j.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hunt4j.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration: which provider and enricher instances exist, with their settings, and where extra
 * query files and plugins are. Read from {@code hunt4j.yaml}:
 * <pre>
 * providers:
 *   sentinel-prod:            # instance name
 *     type: sentinel          # plugin type; defaults to the instance name
 *     workspace_id: ...
 *     client_secret: env:AZURE_CLIENT_SECRET   # secrets by reference: env:NAME or file:PATH
 * enrichers:
 *   feed: { type: local-feed, paths: [iocs.csv] }
 * queries: { paths: [my-queries] }
 * plugins: { dirs: [plugins] }
 * </pre>
 * or from MSTICPy's {@code msticpyconfig.yaml} ({@code DataProviders}, {@code AzureSentinel},
 * {@code TIProviders}, {@code QueryDefinitions}), so existing set-ups carry over.
 */
public final class Hunt4jConfig {
    private static final Set<String> TOP_LEVEL = Set.of("providers", "enrichers", "queries", "plugins");
    private static final Set<String> MSTICPY_MARKERS = Set.of("DataProviders", "TIProviders", "AzureSentinel", "QueryDefinitions");

    private final Map<String, InstanceConfig> providers = new LinkedHashMap<>();
    private final Map<String, InstanceConfig> enrichers = new LinkedHashMap<>();
    private final List<Path> queryPaths = new ArrayList<>();
    private final List<Path> pluginDirs = new ArrayList<>();
    private final Path source;

    private Hunt4jConfig(Path source) {
        this.source = source;
    }

    /** No providers or enrichers configured: plugins run with their defaults. */
    public static Hunt4jConfig empty() {
        return new Hunt4jConfig(null);
    }

    /**
     * Reads a {@code hunt4j.yaml} or {@code msticpyconfig.yaml} (told apart by their top-level keys).
     *
     * @throws ConfigurationException naming the file and the line of a syntax error, or the key path of a bad value
     */
    public static Hunt4jConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.newBufferedReader(file));
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("config file " + file + " is not valid YAML at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Hunt4jConfig cfg = new Hunt4jConfig(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return cfg;
        }
        if (!root.isObject()) {
            throw new ConfigurationException("config file " + file + " must be a YAML mapping at the top level");
        }
        boolean msticpy = false;
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            msticpy |= MSTICPY_MARKERS.contains(it.next());
        }
        if (msticpy) {
            cfg.readMsticpy((ObjectNode) root);
        } else {
            cfg.readHunt4j((ObjectNode) root);
        }
        return cfg;
    }

    private Path baseDir() {
        return source == null ? Path.of("").toAbsolutePath() : source.toAbsolutePath().getParent();
    }

    private void readHunt4j(ObjectNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                throw new ConfigurationException("unknown key '" + key + "' in " + source + Suggestions.didYouMean(key, TOP_LEVEL)
                        + "; top-level keys are " + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL)));
            }
        }
        readInstances(root.get("providers"), "providers", providers);
        readInstances(root.get("enrichers"), "enrichers", enrichers);
        readPaths(root.get("queries"), "queries", queryPaths);
        readPaths(root.get("plugins"), "plugins", pluginDirs);
    }

    private void readInstances(JsonNode node, String section, Map<String, InstanceConfig> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new ConfigurationException("'" + section + "' in " + source + " must map instance names to their settings");
        }
        node.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String path = section + "." + name;
            JsonNode value = e.getValue();
            if (value == null || value.isNull()) {
                value = new ObjectMapper().createObjectNode();
            }
            if (!value.isObject()) {
                throw new ConfigurationException("'" + path + "' in " + source + " must be a mapping of settings");
            }
            Map<String, Object> settings = toMap(value);
            Object type = settings.remove("type");
            into.put(name, new InstanceConfig(name, type == null ? name : type.toString(), path, settings, baseDir()));
        });
    }

    private void readPaths(JsonNode node, String section, List<Path> into) {
        if (node == null || node.isNull()) {
            return;
        }
        String key = section.equals("queries") ? "paths" : "dirs";
        if (!node.isObject()) {
            throw new ConfigurationException("'" + section + "' in " + source + " must be a mapping with '" + key + "'");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals(key)) {
                throw new ConfigurationException("unknown key '" + section + "." + k + "' in " + source + "; expected '" + section + "." + key + "'");
            }
        });
        JsonNode list = node.get(key);
        if (list != null) {
            for (JsonNode p : list.isArray() ? list : List.of(list)) {
                into.add(baseDir().resolve(p.asText()));
            }
        }
    }

    private void readMsticpy(ObjectNode root) {
        JsonNode data = root.get("DataProviders");
        if (data != null && data.isObject()) {
            data.fields().forEachRemaining(e -> {
                String type = msticpyDataType(e.getKey());
                Map<String, Object> settings = msticpySettings(e.getValue());
                String name = type;
                providers.put(name, new InstanceConfig(name, type, "DataProviders." + e.getKey(), settings, baseDir()));
            });
        }
        JsonNode ws = root.path("AzureSentinel").path("Workspaces");
        if (ws.isObject()) {
            ws.fields().forEachRemaining(e -> {
                Map<String, Object> settings = msticpySettings(e.getValue());
                String name = e.getKey().equals("Default") ? "sentinel" : "sentinel-" + e.getKey().toLowerCase(Locale.ROOT);
                providers.put(name, new InstanceConfig(name, "sentinel", "AzureSentinel.Workspaces." + e.getKey(), settings, baseDir()));
            });
        }
        JsonNode ti = root.get("TIProviders");
        if (ti != null && ti.isObject()) {
            ti.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                String provider = v.path("Provider").asText(e.getKey());
                String type = msticpyTiType(provider);
                Map<String, Object> settings = msticpySettings(v);
                if (v.has("Primary")) {
                    settings.put("primary", v.get("Primary").asBoolean());
                }
                String name = e.getKey().toLowerCase(Locale.ROOT);
                if (type.equals("sentinel-ti")) {
                    settings = azstiSettings(settings);
                }
                enrichers.put(name, new InstanceConfig(name, type, "TIProviders." + e.getKey(), settings, baseDir()));
            });
        }
        JsonNode qd = root.path("QueryDefinitions").path("Custom");
        if (qd.isArray()) {
            qd.forEach(p -> queryPaths.add(baseDir().resolve(p.asText())));
        }
    }

    /** MSTICPy keeps settings under {@code Args} (and workspaces at the top); keys become snake_case. */
    private static Map<String, Object> msticpySettings(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("Args")) {
                e.getValue().fields().forEachRemaining(a -> out.put(snake(a.getKey()), msticpyValue(a.getValue())));
            } else if (!Set.of("Provider", "Primary").contains(e.getKey())) {
                out.put(snake(e.getKey()), msticpyValue(e.getValue()));
            }
        });
        return out;
    }

    private static Object msticpyValue(JsonNode v) {
        if (v.isObject() && v.has("EnvironmentVar")) {
            return new InstanceConfig.SecretRef("env", v.get("EnvironmentVar").asText());
        }
        if (v.isObject() && v.has("KeyVault")) {
            return new InstanceConfig.SecretRef("KeyVault", v.get("KeyVault").asText());
        }
        return toJava(v);
    }

    static String snake(String key) {
        if (key.contains("_") || key.equals(key.toLowerCase(Locale.ROOT))) {
            return key.toLowerCase(Locale.ROOT);
        }
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String msticpyDataType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "localdata" -> "local";
            case "microsoftdefender", "m365d", "mde", "mdatp", "m365defender" -> "defender";
            case "azuresentinel", "mssentinel", "loganalytics" -> "sentinel";
            case "elastic", "elasticsearch" -> "elastic";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * MSTICPy's AzSTI names its workspace ({@code WorkspaceID}, {@code TenantID}, or {@code Workspace}, a name under
     * {@code AzureSentinel.Workspaces}); hunt4j's {@code sentinel-ti} runs through the provider made from that workspace
     * entry, {@code sentinel} (the Default workspace) when none is named or matched.
     */
    private Map<String, Object> azstiSettings(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>(args);
        Object id = out.remove("workspace_id");
        out.remove("tenant_id");
        Object workspace = out.remove("workspace");
        String provider = "sentinel";
        if (workspace != null && providers.containsKey("sentinel-" + workspace.toString().toLowerCase(Locale.ROOT))) {
            provider = "sentinel-" + workspace.toString().toLowerCase(Locale.ROOT);
        } else if (id != null) {
            for (InstanceConfig p : providers.values()) {
                if (p.type().equals("sentinel") && id.toString().equalsIgnoreCase(String.valueOf(p.settings().get("workspace_id")))) {
                    provider = p.name();
                    break;
                }
            }
        }
        out.putIfAbsent("provider", provider);
        return out;
    }

    private static String msticpyTiType(String provider) {
        return switch (provider.toLowerCase(Locale.ROOT)) {
            case "azsti", "azuresentinel", "mssentinel" -> "sentinel-ti";
            case "opr", "openpagerank" -> "openpagerank";
            case "tor", "torexitnodes" -> "tor";
            default -> provider.toLowerCase(Locale.ROOT);
        };
    }

    private static Map<String, Object> toMap(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), toJava(e.getValue())));
        return out;
    }

    private static Object toJava(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            return toMap(v);
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(toJava(x)));
            return list;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.asText();
    }

    /** Configured provider instances by name, in file order. */
    public Map<String, InstanceConfig> providers() {
        return java.util.Collections.unmodifiableMap(providers);
    }

    /** Configured enricher instances by name, in file order. */
    public Map<String, InstanceConfig> enrichers() {
        return java.util.Collections.unmodifiableMap(enrichers);
    }

    /** Extra folders of query files. */
    public List<Path> queryPaths() {
        return List.copyOf(queryPaths);
    }

    /** Extra plugin folders. */
    public List<Path> pluginDirs() {
        return List.copyOf(pluginDirs);
    }

    /** Adds (or replaces) a provider instance, e.g. from the command line. */
    public Hunt4jConfig withProvider(String name, String type, Map<String, Object> settings) {
        providers.put(name, new InstanceConfig(name, type, "providers." + name, settings, baseDir()));
        return this;
    }
}
