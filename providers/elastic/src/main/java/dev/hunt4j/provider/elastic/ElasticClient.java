package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.HttpSettings;
import dev.hunt4j.toolkit.HttpTransport;
import dev.hunt4j.toolkit.OpenResponse;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Redactor;
import dev.hunt4j.toolkit.RequestAuth;
import dev.hunt4j.toolkit.ServiceRejection;
import dev.hunt4j.toolkit.Texts;
import dev.hunt4j.toolkit.auth.BasicAuth;
import dev.hunt4j.toolkit.auth.BearerToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one provider instance: several hosts with failover, authentication, and the toolkit's transport
 * for each request.
 *
 * <p>Failover works across hosts, so the toolkit's transport runs with no retries of its own and this class retries:
 * a host that cannot be reached or answers 502/503/504 is skipped for {@code host_cooldown} and the request goes to the
 * next host at once; when every host has failed, it waits (exponential backoff) and starts over, up to
 * {@code max_retries} times. A 429 (and a transient circuit breaker) waits for {@code Retry-After} or the backoff.
 * Nothing touches the network until the first request: listing queries works offline.
 */
final class ElasticClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticClient.class);
    static final MediaType JSON = MediaType.get("application/json");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** What the server is. */
    record Info(ElasticSettings.Flavor flavor, String version, int major, int minor) {
        boolean isOpenSearch() {
            return flavor == ElasticSettings.Flavor.OPENSEARCH;
        }

        String product() {
            return (isOpenSearch() ? "OpenSearch" : "Elasticsearch") + (version == null ? "" : " " + version);
        }

        /** Elasticsearch 8.13+ can list only the fields that hold values ({@code include_empty_fields=false}). */
        boolean knowsEmptyFields() {
            return !isOpenSearch() && (major > 8 || major == 8 && minor >= 13);
        }
    }

    /** One request, built against whichever host is tried. */
    record Call(String method, String path, Map<String, String> query, String body) {
        Request request(HttpUrl base, boolean compression) {
            // the host URL may carry a path prefix (a node behind a reverse proxy): keep it
            HttpUrl.Builder u = base.newBuilder().encodedPath("/").query(null).fragment(null);
            for (String seg : base.pathSegments()) {
                if (!seg.isEmpty()) {
                    u.addPathSegment(seg);
                }
            }
            int added = 0;
            for (String seg : path.split("/")) {
                if (!seg.isEmpty()) {
                    u.addPathSegment(seg);
                    added++;
                }
            }
            if (added == 0 && !base.encodedPath().equals("/")) {
                u.addPathSegment(""); // the root under a prefix: /es/, not /es
            }
            query.forEach(u::addQueryParameter);
            Request.Builder b = new Request.Builder().url(u.build()).header("Accept", "application/json");
            if (!compression) {
                // an explicit identity stops OkHttp from asking for gzip: on a LAN, compressing costs both sides more
                // CPU than the bytes it saves
                b.header("Accept-Encoding", "identity");
            }
            RequestBody rb = body == null ? null : RequestBody.create(body, JSON);
            return switch (method) {
                case "GET" -> b.get().build();
                case "DELETE" -> rb == null ? b.delete().build() : b.delete(rb).build();
                default -> b.method(method, rb == null ? RequestBody.create(new byte[0], JSON) : rb).build();
            };
        }
    }

    private final ElasticSettings settings;
    private final Redactor redactor;
    private final ElasticErrors errors;
    private final RequestAuth auth;
    private final long[] downUntil;
    private volatile HttpTransport transport;
    private volatile Info info;
    private Path pinnedCa;

    ElasticClient(ElasticSettings settings, Redactor redactor) {
        this.settings = settings;
        this.redactor = redactor;
        this.errors = new ElasticErrors(settings.flavor() == ElasticSettings.Flavor.OPENSEARCH ? "OpenSearch" : "Elasticsearch",
                settings.keyPath());
        this.auth = authFor(settings, redactor);
        this.downUntil = new long[settings.hosts().size()];
        if (settings.caFingerprint() != null && settings.http().caFile().isPresent()) {
            throw new ConfigurationException("settings '" + settings.keyPath() + ".ca_file' and '" + settings.keyPath()
                    + ".ca_fingerprint' both say which certificate to trust: keep one");
        }
        if (settings.caFingerprint() != null && settings.hosts().stream().noneMatch(HttpUrl::isHttps)) {
            throw new ConfigurationException("setting '" + settings.keyPath() + ".ca_fingerprint' needs https:// hosts");
        }
    }

    private static RequestAuth authFor(ElasticSettings s, Redactor redactor) {
        if (s.username() != null) {
            return new BasicAuth(s.username(), s.password(), s.describeCredential(), redactor);
        }
        if (s.apiKey() != null) {
            String key = s.apiKey().reveal().strip();
            int colon = key.indexOf(':');
            String encoded = colon >= 0 ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : key;
            redactor.add(key).add(encoded);
            if (colon >= 0) {
                redactor.add(key.substring(colon + 1)); // the key part alone is the secret
            }
            String header = "ApiKey " + encoded;
            String description = s.describeCredential();
            return new RequestAuth() {
                @Override
                public Request authorize(Request request, QueryScope scope) {
                    return request.newBuilder().header("Authorization", header).build();
                }

                @Override
                public String describe() {
                    return description;
                }
            };
        }
        if (s.bearerToken() != null) {
            redactor.add(s.bearerToken());
            return new BearerToken(s.bearerToken(), s.describeCredential());
        }
        return null;
    }

    ElasticSettings settings() {
        return settings;
    }

    Redactor redactor() {
        return redactor;
    }

    /** The service name for messages: Elasticsearch or OpenSearch, once known. */
    String service() {
        Info i = info;
        if (i != null) {
            return i.isOpenSearch() ? "OpenSearch" : "Elasticsearch";
        }
        return errors.service();
    }

    /** A scope for one query, named after the server. */
    QueryScope scope(QueryOptions options) {
        return new QueryScope(service(), options, redactor);
    }

    /** A short scope for clean-up calls (closing a point in time) that must run even after the query was cancelled. */
    QueryScope cleanupScope() {
        return new QueryScope(service(), QueryOptions.defaults().withTimeout(Duration.ofSeconds(10))
                .withCancellation(new Cancellation()), redactor);
    }

    /** Open connections (for the TCK's resource check). */
    int openResponses() {
        HttpTransport t = transport;
        return t == null ? 0 : t.openResponses();
    }

    /** Whether the server was asked what it is yet. */
    boolean knowsServer() {
        return info != null;
    }

    /** What the server is; asks it on first use (also checking the credential). */
    Info info(QueryScope scope) {
        Info i = info;
        if (i == null) {
            synchronized (this) {
                if (info == null) {
                    info = detect(scope);
                }
                i = info;
            }
        }
        return i;
    }

    private Info detect(QueryScope scope) {
        ElasticSettings.Flavor configured = settings.flavor();
        Object root;
        try {
            root = json(new Call("GET", "/", Map.of(), null), scope, "asking the server what it is");
        } catch (ServiceRejection e) {
            // minimal builds have no root endpoint; the nodes info says the same
            try {
                root = json(new Call("GET", "/_nodes/_local", Map.of("filter_path", "nodes.*.version,nodes.*.build_flavor"), null),
                        scope, "asking the server what it is");
            } catch (ServiceRejection e2) {
                root = null;
            }
            if (root != null && ErrorBodies.at(root, "nodes") instanceof Map<?, ?> nodes && !nodes.isEmpty()) {
                Object node = nodes.values().iterator().next();
                String version = ErrorBodies.text(node, "version");
                boolean elastic = ErrorBodies.text(node, "build_flavor") != null;
                return info(configured != ElasticSettings.Flavor.AUTO ? configured
                        : elastic ? ElasticSettings.Flavor.ELASTICSEARCH : ElasticSettings.Flavor.OPENSEARCH, version);
            }
            return info(configured == ElasticSettings.Flavor.AUTO ? ElasticSettings.Flavor.ELASTICSEARCH : configured, null);
        } catch (AuthenticationException e) {
            if (errors.last().status != 403) {
                throw e;
            }
            // a key limited to some indices may not read cluster info: fine, assume what the settings say
            LOG.debug("{}: not allowed to read the server's version (HTTP 403); assuming {}", settings.keyPath(), configured);
            return info(configured == ElasticSettings.Flavor.AUTO ? ElasticSettings.Flavor.ELASTICSEARCH : configured, null);
        }
        String distribution = ErrorBodies.text(root, "version", "distribution");
        String version = ErrorBodies.text(root, "version", "number");
        ElasticSettings.Flavor flavor = configured != ElasticSettings.Flavor.AUTO ? configured
                : "opensearch".equalsIgnoreCase(distribution) ? ElasticSettings.Flavor.OPENSEARCH : ElasticSettings.Flavor.ELASTICSEARCH;
        return info(flavor, version);
    }

    private static Info info(ElasticSettings.Flavor flavor, String version) {
        int major = 0;
        int minor = 0;
        if (version != null) {
            String[] p = version.split("[.-]");
            try {
                major = Integer.parseInt(p[0]);
                minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            } catch (NumberFormatException ignored) {
                // a version we cannot read: treat as old
            }
        }
        return new Info(flavor, version, major, minor);
    }

    private HttpTransport transport(QueryScope scope) {
        HttpTransport t = transport;
        if (t == null) {
            synchronized (this) {
                if (transport == null) {
                    HttpSettings h = settings.http();
                    Optional<Path> ca = h.caFile();
                    if (settings.caFingerprint() != null) {
                        pinnedCa = Fingerprints.pinnedCertificate(settings, scope);
                        ca = Optional.of(pinnedCa);
                    }
                    // no retries in the transport: this class retries across hosts (see the class comment)
                    transport = new HttpTransport(new HttpSettings(h.connectTimeout(), h.readTimeout(), 0, h.retryBackoff(),
                            h.maxRetryWait(), ca, h.verifyTls(), h.proxy(), h.keyPath()), redactor);
                }
                t = transport;
            }
        }
        return t;
    }

    /** Sends a request and parses the (small) JSON answer into maps and lists. */
    Object json(Call call, QueryScope scope, String what) {
        try (OpenResponse r = send(call, scope, what)) {
            byte[] bytes;
            try {
                bytes = r.body().readAllBytes();
            } catch (IOException e) {
                throw scope.ioFailure(e, "reading the answer to " + what);
            }
            r.markComplete();
            if (bytes.length == 0) {
                return null;
            }
            try {
                return Json.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw scope.error("the answer to " + what + " is not JSON: " + e.getMessage());
            }
        }
    }

    /**
     * Sends a request to the first healthy host, failing over and retrying as described in the class comment.
     *
     * @throws AuthenticationException on 401/403
     * @throws ThrottledException      on 429 once retries are used up
     * @throws ServiceRejection        on other 4xx (the server's reason in the message)
     * @throws QueryException          on 5xx and network failures once every host and retry is used up
     */
    OpenResponse send(Call call, QueryScope scope, String what) {
        HttpTransport t = transport(scope);
        HttpSettings http = settings.http();
        int retries = 0;
        List<String> failures = new ArrayList<>();
        while (true) {
            int h = pickHost();
            HttpUrl base = settings.hosts().get(h);
            String on = settings.hosts().size() > 1 ? " on " + label(base) : "";
            errors.reset();
            try {
                OpenResponse r = t.send(call.request(base, settings.compression()), auth, errors, scope, what + on);
                synchronized (downUntil) {
                    downUntil[h] = 0;
                }
                return r;
            } catch (ThrottledException e) {
                ElasticErrors.Failure f = errors.last();
                Optional<Duration> asked = e.retryAfter();
                if (asked.isPresent() && asked.get().compareTo(http.maxRetryWait()) > 0) {
                    throw e; // the transport's message names the wait asked for and max_retry_wait
                }
                String status = service() + " is throttling requests (HTTP 429: " + Objects.toString(f.message, "no details")
                        + ") while " + what + on;
                if (f.permanent) {
                    throw new ThrottledException(scope.redact(status + "; a retry would trip the circuit breaker again (durability "
                            + "PERMANENT). " + errors.throttleHint()), asked.orElse(null));
                }
                if (retries >= http.maxRetries()) {
                    throw new ThrottledException(scope.redact(status + "; still refused after " + (retries + 1) + " attempts "
                            + "(max_retries " + http.maxRetries() + "). " + errors.throttleHint()), asked.orElse(null));
                }
                Duration wait = asked.orElse(backoff(retries));
                if (wait.compareTo(scope.deadline().remaining()) >= 0) {
                    throw new ThrottledException(scope.redact(status + "; waiting " + Texts.duration(wait) + " would pass the query's "
                            + "timeout (" + Texts.duration(scope.deadline().limit()) + ")"), wait);
                }
                LOG.warn(scope.redact(status + "; retry " + (retries + 1) + " of " + http.maxRetries() + " in " + Texts.duration(wait)));
                scope.sleep(wait, "waiting to retry");
                retries++;
            } catch (ServiceRejection | AuthenticationException | ConfigurationException e) {
                throw e;
            } catch (QueryException e) {
                if (scope.isCancelled() || scope.deadline().expired()) {
                    throw e;
                }
                int status = errors.last().status;
                boolean network = status == 0 && e.getCause() != null;
                // 500 is not retried: Elasticsearch answers it for failures that would only repeat (e.g. a script error)
                boolean hostProblem = network || status == 502 || status == 503 || status == 504;
                if (!hostProblem && status != 408) {
                    throw e;
                }
                failures.add(label(base) + ": " + (network ? "unreachable" : "HTTP " + status));
                if (hostProblem) {
                    markDown(h);
                    if (settings.hosts().size() > 1 && anyHealthy()) {
                        LOG.warn(scope.redact(service() + " host " + label(base) + " failed (" + e.getMessage()
                                + "); failing over to the next host"));
                        continue;
                    }
                }
                // an untrusted certificate or an unknown host name would fail the same way again
                String cause = String.valueOf(e.getCause());
                boolean permanent = cause.contains("SSLHandshakeException") || cause.contains("SSLPeerUnverifiedException")
                        || cause.contains("UnknownHostException");
                if (retries >= http.maxRetries() || permanent) {
                    throw scope.error(e.getMessage() + (failures.size() > 1 ? " [attempts: " + String.join(", ", failures) + "]" : ""),
                            e.getCause());
                }
                Duration wait = backoff(retries);
                if (wait.compareTo(scope.deadline().remaining()) >= 0) {
                    throw scope.timedOut(what + " (the next retry was due in " + Texts.duration(wait) + ")");
                }
                LOG.warn(scope.redact(e.getMessage() + "; retry " + (retries + 1) + " of " + http.maxRetries() + " in "
                        + Texts.duration(wait)));
                scope.sleep(wait, "waiting to retry");
                retries++;
            }
        }
    }

    private static String label(HttpUrl u) {
        return u.scheme() + "://" + u.host() + ":" + u.port();
    }

    /** The first host in the configured order that is not cooling down; else the one whose cooldown ends first. */
    private int pickHost() {
        long now = System.nanoTime();
        synchronized (downUntil) {
            int best = 0;
            for (int i = 0; i < downUntil.length; i++) {
                if (downUntil[i] == 0 || downUntil[i] - now <= 0) {
                    return i;
                }
                if (downUntil[i] - downUntil[best] < 0) {
                    best = i;
                }
            }
            return best;
        }
    }

    private void markDown(int h) {
        synchronized (downUntil) {
            downUntil[h] = System.nanoTime() + Math.max(1, settings.hostCooldown().toNanos());
        }
    }

    private boolean anyHealthy() {
        long now = System.nanoTime();
        synchronized (downUntil) {
            for (long d : downUntil) {
                if (d == 0 || d - now <= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private Duration backoff(int attempt) {
        long base = settings.http().retryBackoff().toMillis() << Math.min(attempt, 16);
        long capped = Math.max(1, Math.min(base, MAX_BACKOFF.toMillis()));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    @Override
    public void close() {
        HttpTransport t = transport;
        if (t != null) {
            t.close();
        }
        if (pinnedCa != null) {
            try {
                java.nio.file.Files.deleteIfExists(pinnedCa);
            } catch (IOException ignored) {
                // a public certificate left in the temp folder
            }
        }
    }
}
