package dev.hunt4j.runtime.config;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One configured provider or enricher instance, before its secrets are resolved.
 *
 * @param name     instance name (e.g. {@code sentinel-prod})
 * @param type     plugin type (e.g. {@code sentinel})
 * @param keyPath  where it is in the config file, for error messages
 * @param settings raw values; secrets may still be references ({@code env:NAME}, {@code file:PATH})
 * @param baseDir  folder relative paths resolve against
 */
public record InstanceConfig(String name, String type, String keyPath, Map<String, Object> settings, Path baseDir) {
    public InstanceConfig {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Resolves secret references and checks the keys.
     *
     * @param knownSettings the plugin's documented keys; empty means the plugin does not declare them
     * @param env           environment lookup (System::getenv in production)
     * @throws ConfigurationException naming the key path of an unknown key or an unresolvable secret
     */
    public PluginSettings resolve(Map<String, String> knownSettings, UnaryOperator<String> env) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            String key = e.getKey();
            if (!knownSettings.isEmpty() && !knownSettings.containsKey(key)) {
                throw new ConfigurationException("unknown setting '" + keyPath + "." + key + "' for a " + type + " provider"
                        + Suggestions.didYouMean(key, knownSettings.keySet()) + "; known settings: "
                        + String.join(", ", new java.util.TreeSet<>(knownSettings.keySet())));
            }
            out.put(key, resolveValue(keyPath + "." + key, key, e.getValue(), env));
        }
        return new PluginSettings(name, keyPath, out, baseDir);
    }

    private Object resolveValue(String path, String key, Object value, UnaryOperator<String> env) {
        if (value instanceof SecretRef ref) {
            return ref.resolve(path, env, baseDir);
        }
        if (value instanceof String s) {
            if (s.startsWith("env:") || s.startsWith("file:")) {
                return SecretRef.parse(s).resolve(path, env, baseDir);
            }
            return looksSecret(key) ? new Secret(s, "inline") : s;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> resolveValue(path, key, v, env)).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), resolveValue(path + "." + k, String.valueOf(k), v, env)));
            return m;
        }
        return value;
    }

    /** Keys whose plain values are treated as secrets, so they never print. */
    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("apikey")
                || k.contains("authkey") || k.equals("key") || k.endsWith("key") && !k.endsWith("publickey");
    }

    /** A reference to a secret stored elsewhere: an environment variable or a file. */
    record SecretRef(String kind, String target) {
        static SecretRef parse(String text) {
            int colon = text.indexOf(':');
            return new SecretRef(text.substring(0, colon), text.substring(colon + 1).trim());
        }

        Secret resolve(String keyPath, UnaryOperator<String> env, Path baseDir) {
            switch (kind) {
                case "env" -> {
                    String v = env.apply(target);
                    if (v == null || v.isEmpty()) {
                        throw new ConfigurationException("setting '" + keyPath + "' refers to environment variable "
                                + target + ", which is not set");
                    }
                    return new Secret(v, "env:" + target);
                }
                case "file" -> {
                    Path p = baseDir.resolve(target);
                    try {
                        return new Secret(Files.readString(p, StandardCharsets.UTF_8).strip(), "file:" + target);
                    } catch (IOException e) {
                        throw new ConfigurationException("setting '" + keyPath + "' refers to file " + p + ", which cannot be read: "
                                + e.getClass().getSimpleName());
                    }
                }
                default -> throw new ConfigurationException("setting '" + keyPath + "' uses secret store '" + kind
                        + "', which hunt4j does not read; use env:NAME or file:PATH");
            }
        }
    }
}
