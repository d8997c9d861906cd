package dev.hunt4j.provider.splunk;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.ChunkSettings;
import dev.hunt4j.toolkit.HttpSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The validated settings of one Splunk provider instance.
 *
 * @param base         the management API root, e.g. {@code https://splunk:8089/services} or {@code .../servicesNS/owner/app}
 * @param root         the server root, e.g. {@code https://splunk:8089}
 * @param token        a Splunk authentication token (sent as {@code Bearer}), or empty
 * @param username     the user for basic authentication, or empty
 * @param password     the password for basic authentication, or empty
 * @param export       whether searches use the export stream instead of search jobs ({@code mode: export})
 * @param pageSize     rows asked for per results page ({@code page_size})
 * @param pollInterval the longest wait between job status polls ({@code poll_interval})
 * @param maxCount     results a job keeps ({@code max_count}), unless the query has a row limit
 * @param http         HTTP settings
 * @param chunks       time-chunking settings
 * @param keyPath      where the settings live
 */
record SplunkSettings(HttpUrl base, HttpUrl root, Optional<Secret> token, Optional<String> username, Optional<Secret> password,
                      boolean export, int pageSize, Duration pollInterval, long maxCount, HttpSettings http, ChunkSettings chunks,
                      String keyPath) {
    static final int DEFAULT_PAGE_SIZE = 50_000;
    static final long DEFAULT_MAX_COUNT = 100_000_000L;

    /** Every key a splunk instance accepts, with its meaning. */
    static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", "the Splunk search head's host name (required)");
        m.put("port", "its management port (default 8089)");
        m.put("http_scheme", "https (default) or http");
        m.put("token", "a Splunk authentication token (use env:NAME or file:PATH)");
        m.put("bearer_token", "the same as token (MSTICPy's older name)");
        m.put("username", "user for basic authentication, with password");
        m.put("password", "password for basic authentication (use env:NAME or file:PATH)");
        m.put("owner", "run searches in this user's namespace (servicesNS/owner/app)");
        m.put("app", "run searches in this app's namespace (servicesNS/owner/app)");
        m.put("mode", "jobs (default): search job, then every result page; export: one streamed export request");
        m.put("page_size", "results asked for per page (default 50000; Splunk may return fewer, paging continues)");
        m.put("poll_interval", "the longest wait between job status polls (default 2s)");
        m.put("max_count", "results a search job keeps (default 100000000, unless the query has a row limit)");
        m.put("sharing", "msticpyconfig key; not used by hunt4j");
        m.put("autologin", "msticpyconfig key; not used by hunt4j");
        m.put("cookie", "msticpyconfig key; not used by hunt4j (use token or username/password)");
        m.put("description", "free text shown in provider listings");
        m.putAll(HttpSettings.KNOWN);
        m.putAll(ChunkSettings.KNOWN);
        KNOWN = Map.copyOf(m);
    }

    /** @throws ConfigurationException naming the key path of a missing or bad setting */
    static SplunkSettings from(PluginSettings s) {
        String kp = s.keyPath();
        String host = s.string("host").map(String::trim).filter(t -> !t.isEmpty())
                .orElseThrow(() -> new ConfigurationException("missing required setting '" + kp + ".host' (the Splunk search head)"));
        String scheme = s.string("http_scheme").orElse("https").trim().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ConfigurationException("setting '" + kp + ".http_scheme' must be https or http, got '" + scheme + "'");
        }
        long port = s.longValue("port", 8089);
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("setting '" + kp + ".port' must be a TCP port, got " + port);
        }
        HttpUrl root;
        try {
            root = new HttpUrl.Builder().scheme(scheme).host(host.replaceFirst("^https?://", "").replaceAll("/.*$", "")).port((int) port).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("setting '" + kp + ".host' is not a host name: '" + host + "'");
        }
        Optional<String> owner = s.string("owner").map(String::trim).filter(t -> !t.isEmpty());
        Optional<String> app = s.string("app").map(String::trim).filter(t -> !t.isEmpty());
        HttpUrl base = owner.isPresent() || app.isPresent()
                ? root.newBuilder().addPathSegment("servicesNS").addPathSegment(owner.orElse("-")).addPathSegment(app.orElse("-")).build()
                : root.newBuilder().addPathSegment("services").build();
        Optional<Secret> token = s.secret("token").or(() -> s.secret("bearer_token"));
        Optional<String> user = s.string("username").map(String::trim).filter(t -> !t.isEmpty());
        Optional<Secret> password = s.secret("password");
        if (token.isPresent() && (user.isPresent() || password.isPresent())) {
            throw new ConfigurationException("settings '" + kp + "': set either token or username/password, not both");
        }
        if (token.isEmpty() && (user.isEmpty() || password.isEmpty())) {
            throw new ConfigurationException("settings '" + kp + "' need credentials: token (a Splunk authentication token), or "
                    + "username and password" + (user.isPresent() ? " (password is missing)" : password.isPresent() ? " (username is missing)" : ""));
        }
        String mode = s.string("mode").orElse("jobs").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("jobs") && !mode.equals("export")) {
            throw new ConfigurationException("setting '" + kp + ".mode' must be jobs or export, got '" + mode + "'");
        }
        long pageSize = s.longValue("page_size", DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > 1_000_000) {
            throw new ConfigurationException("setting '" + kp + ".page_size' must be between 1 and 1000000, got " + pageSize);
        }
        Duration poll = s.duration("poll_interval", Duration.ofSeconds(2));
        if (poll.compareTo(Duration.ofMillis(10)) < 0) {
            throw new ConfigurationException("setting '" + kp + ".poll_interval' must be at least 10ms, got " + poll);
        }
        long maxCount = s.longValue("max_count", DEFAULT_MAX_COUNT);
        if (maxCount < 1) {
            throw new ConfigurationException("setting '" + kp + ".max_count' must be positive, got " + maxCount);
        }
        if (s.settings().containsKey("cookie")) {
            org.slf4j.LoggerFactory.getLogger(SplunkSettings.class).warn("setting '{}.cookie' is not used: hunt4j authenticates "
                    + "with token or username/password", kp);
        }
        return new SplunkSettings(base, root, token, user, password, mode.equals("export"), (int) pageSize, poll, maxCount,
                HttpSettings.from(s), ChunkSettings.from(s), kp);
    }
}
