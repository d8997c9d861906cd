package dev.hunt4j.toolkit;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP settings every HTTP plugin accepts (add {@link #KNOWN} to the plugin's {@code knownSettings()}).
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection ({@code connect_timeout}, default 10s)
 * @param readTimeout    the longest silence while reading a response ({@code read_timeout}, default 10m: a
 *                       service may send nothing until its query finishes)
 * @param maxRetries     retries after a 5xx, 408, 429 or I/O error ({@code max_retries}, default 4)
 * @param retryBackoff   first backoff, doubled per retry up to 30s, with jitter ({@code retry_backoff}, default 500ms)
 * @param maxRetryWait   the longest {@code Retry-After} waited for; longer fails at once with a
 *                       {@link dev.hunt4j.api.ThrottledException} ({@code max_retry_wait}, default 2m)
 * @param caFile         PEM file of the CAs to trust instead of the JDK's ({@code ca_file}), or empty
 * @param verifyTls      whether server certificates and host names are checked ({@code verify}, default true)
 * @param proxy          an HTTP proxy, {@code http://host:port} ({@code proxy}), or empty
 * @param keyPath        where the settings live, for messages
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxRetries, Duration retryBackoff,
                           Duration maxRetryWait, Optional<Path> caFile, boolean verifyTls, Optional<URI> proxy,
                           String keyPath) {

    /** The keys read by {@link #from}, with their meaning. */
    public static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connect_timeout", "how long to wait for a connection (default 10s)");
        m.put("read_timeout", "the longest silence while reading a response (default 10m)");
        m.put("max_retries", "retries after 5xx, 408, 429 and I/O errors (default 4)");
        m.put("retry_backoff", "first wait between retries, doubled each time up to 30s (default 500ms)");
        m.put("max_retry_wait", "the longest Retry-After to wait for before failing as throttled (default 2m)");
        m.put("ca_file", "PEM file with the CA certificates to trust instead of the JDK's");
        m.put("verify", "check TLS certificates and host names (default true; false is for lab servers only)");
        m.put("proxy", "HTTP proxy as http://host:port");
        KNOWN = Map.copyOf(m);
    }

    /** Defaults, for tests and plugins without settings. */
    public static HttpSettings defaults() {
        return from(PluginSettings.empty("http"));
    }

    /**
     * @throws ConfigurationException naming the key path of a bad value
     */
    public static HttpSettings from(PluginSettings s) {
        String kp = s.keyPath();
        long retries = s.longValue("max_retries", 4);
        if (retries < 0 || retries > 20) {
            throw new ConfigurationException("setting '" + kp + ".max_retries' must be between 0 and 20, got " + retries);
        }
        Optional<Path> ca = s.path("ca_file");
        ca.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw new ConfigurationException("setting '" + kp + ".ca_file' names " + p + ", which cannot be read");
            }
        });
        Optional<URI> proxy = s.string("proxy").map(String::trim).filter(t -> !t.isEmpty()).map(t -> {
            URI u = URI.create(t.contains("://") ? t : "http://" + t);
            if (u.getHost() == null || u.getPort() < 0) {
                throw new ConfigurationException("setting '" + kp + ".proxy' must be http://host:port, got '" + t + "'");
            }
            return u;
        });
        return new HttpSettings(positive(s, "connect_timeout", Duration.ofSeconds(10)),
                positive(s, "read_timeout", Duration.ofMinutes(10)), (int) retries,
                positive(s, "retry_backoff", Duration.ofMillis(500)), positive(s, "max_retry_wait", Duration.ofMinutes(2)),
                ca, s.bool("verify", true), proxy, kp);
    }

    /**
     * A base URL setting ({@code key}), or {@code defaultUrl} when it is not set, without a trailing slash.
     *
     * @throws ConfigurationException naming the key when the value is not an http(s) URL
     */
    public static String baseUrl(PluginSettings s, String key, String defaultUrl) {
        String url = s.string(key).map(String::trim).orElse(defaultUrl);
        if (url == null) {
            return null;
        }
        url = url.replaceAll("/+$", "");
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new ConfigurationException("setting '" + s.keyPath() + "." + key + "' must be an http(s) URL, got '" + url + "'");
        }
        return url;
    }

    private static Duration positive(PluginSettings s, String key, Duration def) {
        Duration d = s.duration(key, def);
        if (d.isNegative()) {
            throw new ConfigurationException("setting '" + s.keyPath() + "." + key + "' must not be negative, got " + d);
        }
        return d;
    }
}
