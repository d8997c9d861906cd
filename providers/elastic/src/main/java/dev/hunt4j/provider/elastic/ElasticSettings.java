package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.HttpSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The settings of one {@code elastic} provider instance, checked once at connect time so every mistake names its key.
 *
 * @param hosts          node URLs tried in order, failing over to the next ({@code hosts}, or {@code host}/{@code url})
 * @param username       basic-auth user, or null
 * @param password       basic-auth password, or null
 * @param apiKey         API key: the encoded form or {@code id:key} (with {@code api_key_id}, the key alone), or null
 * @param bearerToken    a bearer token (OAuth2 / service token), or null
 * @param caFingerprint  SHA-256 fingerprint (hex) of the CA or server certificate to trust, or null
 * @param timeField      the field the query's time range filters on ({@code time_field}, default {@code @timestamp})
 * @param defaultIndex   index pattern for queries that name none ({@code default_index}, default {@code *})
 * @param pageSize       hits per page ({@code page_size}, 1..10000, default 5000)
 * @param pitKeepAlive   how long the server keeps a point in time between pages ({@code pit_keep_alive}, default 2m)
 * @param compression    whether to ask for gzip responses ({@code compression}, default false)
 * @param flavor         {@code auto} (detected), {@code elasticsearch} or {@code opensearch}
 * @param tiebreaker     the unique field OpenSearch paging sorts by last when a point in time spans several shards
 *                       ({@code tiebreaker}, default {@code _id}; Elasticsearch uses its own {@code _shard_doc})
 * @param nullOnTypeError whether a value that does not fit its column becomes null ({@code on_type_error: null})
 *                       instead of failing the query (the default, {@code fail})
 * @param hostCooldown   how long a failed host is skipped before it is tried again ({@code host_cooldown}, default 30s)
 * @param http           the toolkit's HTTP settings (timeouts, retries, {@code ca_file}, {@code verify}, {@code proxy})
 * @param keyPath        where these settings live, for messages
 */
record ElasticSettings(List<HttpUrl> hosts, String username, Secret password, Secret apiKey, Secret bearerToken,
                       String caFingerprint, String timeField, String defaultIndex, int pageSize, Duration pitKeepAlive,
                       boolean compression, Flavor flavor, String tiebreaker, boolean nullOnTypeError, Duration hostCooldown,
                       HttpSettings http, String keyPath) {

    /** Whether the server is Elasticsearch or OpenSearch; {@code AUTO} asks it. */
    enum Flavor { AUTO, ELASTICSEARCH, OPENSEARCH }

    /** The keys read here, with their meaning (the host rejects others). */
    static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hosts", "node URLs, e.g. [https://es1:9200, https://es2:9200]; tried in order with failover (default http://localhost:9200)");
        m.put("host", "a single node URL (same as hosts with one entry)");
        m.put("url", "a single node URL (same as hosts with one entry)");
        m.put("username", "user for HTTP basic authentication (with password)");
        m.put("password", "password for basic authentication (use env:NAME or file:PATH)");
        m.put("api_key", "API key: the encoded value Kibana shows, or id:key (use env:NAME or file:PATH)");
        m.put("api_key_id", "API key id, when api_key holds only the key part");
        m.put("bearer_token", "bearer token (OAuth2 access token or service account token)");
        m.put("ca_fingerprint", "SHA-256 fingerprint (hex) of the CA or server certificate to trust, as Elasticsearch prints it");
        m.put("time_field", "field the query's time range filters on (default @timestamp)");
        m.put("default_index", "index pattern for queries that name none (default *)");
        m.put("page_size", "hits fetched per page, 1..10000 (default 5000)");
        m.put("pit_keep_alive", "how long the server keeps the point in time between pages (default 2m)");
        m.put("compression", "ask for gzip-compressed responses, for slow links (default false)");
        m.put("flavor", "auto (default: asks the server), elasticsearch or opensearch");
        m.put("tiebreaker", "unique field OpenSearch paging sorts by last over several shards (default _id)");
        m.put("on_type_error", "fail (default) or null: what to do with a value that does not fit its column's mapped type");
        m.put("host_cooldown", "how long a failed host is skipped before it is tried again (default 30s)");
        m.putAll(HttpSettings.KNOWN);
        KNOWN = Map.copyOf(m);
    }

    static ElasticSettings from(PluginSettings s) {
        String kp = s.keyPath();
        List<String> raw = new ArrayList<>(s.stringList("hosts"));
        s.string("host").ifPresent(raw::add);
        s.string("url").ifPresent(raw::add);
        if (raw.isEmpty()) {
            raw.add("http://localhost:9200");
        }
        List<HttpUrl> hosts = new ArrayList<>();
        for (String h : raw) {
            hosts.add(parseHost(h, kp));
        }

        Optional<String> user = s.string("username");
        Optional<Secret> password = s.secret("password");
        if (user.isPresent() != password.isPresent()) {
            throw new ConfigurationException("settings '" + kp + ".username' and '" + kp + ".password' go together: "
                    + (user.isPresent() ? "password" : "username") + " is missing");
        }
        Secret apiKey = s.secret("api_key").map(k -> s.string("api_key_id")
                .map(id -> new Secret(id + ":" + k.reveal(), k.source())).orElse(k)).orElse(null);
        if (apiKey == null && s.string("api_key_id").isPresent()) {
            throw new ConfigurationException("setting '" + kp + ".api_key_id' needs '" + kp + ".api_key' (the key itself)");
        }
        Secret bearer = s.secret("bearer_token").orElse(null);
        int schemes = (user.isPresent() ? 1 : 0) + (apiKey != null ? 1 : 0) + (bearer != null ? 1 : 0);
        if (schemes > 1) {
            throw new ConfigurationException("settings '" + kp + "' name more than one credential (username/password, api_key, "
                    + "bearer_token): keep one");
        }
        String fingerprint = s.string("ca_fingerprint").map(f -> normalizeFingerprint(f, kp)).orElse(null);

        String timeField = s.string("time_field").map(String::trim).orElse("@timestamp");
        if (timeField.isEmpty()) {
            throw new ConfigurationException("setting '" + kp + ".time_field' is empty; leave it out for @timestamp");
        }
        String defaultIndex = s.string("default_index").map(String::trim).orElse("*");
        try {
            Indices.check(defaultIndex);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("setting '" + kp + ".default_index': " + e.getMessage());
        }
        long page = s.longValue("page_size", 5000);
        if (page < 1 || page > 10_000) {
            throw new ConfigurationException("setting '" + kp + ".page_size' must be between 1 and 10000 (the servers' default "
                    + "index.max_result_window), got " + page);
        }
        Duration keepAlive = s.duration("pit_keep_alive", Duration.ofMinutes(2));
        if (keepAlive.toSeconds() < 1) {
            throw new ConfigurationException("setting '" + kp + ".pit_keep_alive' must be at least 1s, got " + keepAlive);
        }
        Flavor flavor = switch (s.string("flavor").orElse("auto").trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Flavor.AUTO;
            case "elasticsearch", "elastic", "es" -> Flavor.ELASTICSEARCH;
            case "opensearch", "os" -> Flavor.OPENSEARCH;
            default -> throw new ConfigurationException("setting '" + kp + ".flavor' must be auto, elasticsearch or opensearch, got '"
                    + s.string("flavor").orElse("") + "'");
        };
        String tiebreaker = s.string("tiebreaker").map(String::trim).orElse("_id");
        boolean nullOnError = switch (s.string("on_type_error").orElse("fail").trim().toLowerCase(Locale.ROOT)) {
            case "fail" -> false;
            case "null" -> true;
            default -> throw new ConfigurationException("setting '" + kp + ".on_type_error' must be fail or null, got '"
                    + s.string("on_type_error").orElse("") + "'");
        };
        Duration cooldown = s.duration("host_cooldown", Duration.ofSeconds(30));
        return new ElasticSettings(List.copyOf(hosts), user.orElse(null), password.orElse(null), apiKey, bearer, fingerprint,
                timeField, defaultIndex, (int) page, keepAlive, s.bool("compression", false), flavor, tiebreaker, nullOnError,
                cooldown, HttpSettings.from(s), kp);
    }

    private static HttpUrl parseHost(String text, String kp) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new ConfigurationException("setting '" + kp + ".hosts' has an empty entry");
        }
        HttpUrl url = HttpUrl.parse(t.contains("://") ? t : "http://" + t);
        if (url == null) {
            throw new ConfigurationException("setting '" + kp + ".hosts' entry '" + t + "' is not an http(s) URL such as "
                    + "https://es1.example.org:9200");
        }
        if (!t.contains("://") && url.port() == 80) {
            // "es1" alone means the usual port, not 80
            url = url.newBuilder().port(9200).build();
        }
        if (url.username().length() > 0 || url.password().length() > 0) {
            throw new ConfigurationException("setting '" + kp + ".hosts' entry for " + url.host() + " carries credentials in the "
                    + "URL; use username/password or api_key (with env:NAME) instead");
        }
        return url;
    }

    private static String normalizeFingerprint(String f, String kp) {
        String hex = f.replace(":", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new ConfigurationException("setting '" + kp + ".ca_fingerprint' must be a SHA-256 fingerprint (64 hex digits, "
                    + "colons allowed), got " + hex.length() + " characters");
        }
        return hex;
    }

    /** Which credential is configured, for messages; never its value. */
    String describeCredential() {
        if (username != null) {
            return "basic authentication as '" + username + "' (password from " + password.source() + ")";
        }
        if (apiKey != null) {
            return "API key (" + keyPath + ".api_key, " + apiKey.source() + ")";
        }
        if (bearerToken != null) {
            return "bearer token (" + keyPath + ".bearer_token, " + bearerToken.source() + ")";
        }
        return "none configured";
    }
}
