package dev.hunt4j.titoolkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.toolkit.HttpSettings;
import dev.hunt4j.toolkit.HttpTransport;
import dev.hunt4j.toolkit.OpenResponse;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Redactor;
import dev.hunt4j.toolkit.RequestAuth;
import dev.hunt4j.toolkit.ServiceErrors;
import dev.hunt4j.toolkit.ServiceRejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * One HTTP TI service for one configured provider: sends one request per lookup and hands back the answer. It never
 * retries or waits: the host's enrichment engine owns rate limits, quotas and retries, so every request the service
 * sees went through the engine's limiter. Failures are thrown the way the engine expects:
 * <ul>
 *   <li>401/403 — {@link dev.hunt4j.api.AuthenticationException} (the engine stops asking for a while);</li>
 *   <li>429 — {@link dev.hunt4j.api.ThrottledException} with the service's {@code Retry-After};</li>
 *   <li>5xx, 408, network errors, timeouts — a {@link dev.hunt4j.api.QueryException} (retried with back-off);</li>
 *   <li>other 4xx (404 not found, 400 malformed) — a {@link Reply} for the plugin to interpret.</li>
 * </ul>
 * Every message is redacted with the provider's secrets. Thread-safe.
 */
public final class TiHttp implements AutoCloseable {
    /** The HTTP keys a TI plugin accepts next to its own (add them to {@code knownSettings()}). */
    public static final Map<String, String> KNOWN;
    /** Response bodies larger than this are refused (TI answers are a few KB; a huge body is not an answer). */
    static final int MAX_BODY = 16 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connect_timeout", "how long to wait for a connection (default 10s)");
        m.put("read_timeout", "the longest silence while reading a response (default 30s)");
        m.put("ca_file", "PEM file with the CA certificates to trust instead of the JDK's");
        m.put("verify", "check TLS certificates and host names (default true; false is for lab servers only)");
        m.put("proxy", "HTTP proxy as http://host:port");
        KNOWN = java.util.Collections.unmodifiableMap(m);
    }

    private final String provider;
    private final ServiceErrors errors;
    private final Redactor redactor;
    private final HttpTransport transport;
    private final RequestAuth auth;
    private final HttpUrl baseUrl;
    private final Duration timeout;

    /**
     * @param settings       the provider's settings (name, secrets and the {@link #KNOWN} keys)
     * @param errors         how the service words its errors
     * @param baseUrlKey     the setting holding the service's base URL
     * @param defaultBaseUrl the documented base URL
     * @param auth           how requests are authenticated, or {@code null}
     */
    public TiHttp(PluginSettings settings, ServiceErrors errors, String baseUrlKey, String defaultBaseUrl, RequestAuth auth) {
        this(settings, errors, baseUrlKey, defaultBaseUrl, r -> auth);
    }

    /**
     * Like the constructor, for credentials that must register derived forms with the redactor (basic auth adds its
     * encoded header value).
     */
    public static TiHttp withAuth(PluginSettings settings, ServiceErrors errors, String baseUrlKey, String defaultBaseUrl,
                                  java.util.function.Function<Redactor, RequestAuth> auth) {
        return new TiHttp(settings, errors, baseUrlKey, defaultBaseUrl, auth);
    }

    private TiHttp(PluginSettings settings, ServiceErrors errors, String baseUrlKey, String defaultBaseUrl,
                   java.util.function.Function<Redactor, RequestAuth> authFactory) {
        this.provider = settings.name();
        this.errors = errors;
        this.redactor = Redactor.of(settings);
        RequestAuth auth = authFactory.apply(redactor);
        // the engine retries through its limiter: a retry here would be a request the limiter never saw
        PluginSettings http = settings.with("max_retries", 0L);
        if (settings.settings().get("read_timeout") == null) {
            http = http.with("read_timeout", "30s");
        }
        HttpSettings hs = HttpSettings.from(http);
        this.transport = new HttpTransport(hs, redactor);
        this.auth = auth;
        this.timeout = hs.connectTimeout().plus(hs.readTimeout()).plusSeconds(5);
        String url = settings.string(baseUrlKey).orElse(defaultBaseUrl);
        HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
        if (parsed == null) {
            throw new ConfigurationException("setting '" + settings.keyPath() + "." + baseUrlKey + "' must be an http(s) URL, got '"
                    + url + "'");
        }
        this.baseUrl = parsed;
    }

    /**
     * The required API key, as a {@link HeaderAuth}; {@code auth_key} is accepted instead, as MSTICPy's
     * {@code msticpyconfig.yaml} names it ({@code AuthKey}).
     */
    public static HeaderAuth headerKey(PluginSettings settings, String key, String header) {
        String used = settings.settings().containsKey(key) || !settings.settings().containsKey(MSTICPY_KEY) ? key : MSTICPY_KEY;
        Secret s = settings.secret(used).orElseThrow(() -> new ConfigurationException("missing required setting '"
                + settings.keyPath() + "." + key + "' (the service's API key; write it as env:NAME or file:PATH)"));
        return new HeaderAuth(header, s, settings.keyPath() + "." + used);
    }

    /** MSTICPy's name for a TI provider's key ({@code AuthKey}), accepted wherever {@code api_key} is. */
    public static final String MSTICPY_KEY = "auth_key";

    /** The base URL with {@code path} added as encoded segments ({@code a/b}; a trailing {@code /} is kept: {@code url/}). */
    public HttpUrl.Builder url(String path) {
        HttpUrl.Builder b = baseUrl.newBuilder();
        // the base URL ends in '/', i.e. an empty last segment: replace it rather than add after it
        b.removePathSegment(baseUrl.pathSize() - 1);
        for (String seg : path.split("/")) {
            if (!seg.isEmpty()) {
                b.addPathSegment(seg);
            }
        }
        if (path.endsWith("/")) {
            b.addPathSegment("");
        }
        return b;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** The provider instance name. */
    public String provider() {
        return provider;
    }

    /**
     * Sends one request and returns the answer to interpret; throws for throttling, refused credentials and failures
     * worth retrying (see the class comment).
     *
     * @param what what the request does, for messages ({@code "looking up 1.2.3.4"})
     */
    public Reply send(Request request, String what) {
        return send(request, what, true);
    }

    /** Like {@link #send(Request, String)} for a body that is not JSON (a list, a CSV): the reply holds only text. */
    public Reply sendText(Request request, String what) {
        return send(request, what, false);
    }

    private Reply send(Request request, String what, boolean parseJson) {
        QueryScope scope = new QueryScope(errors.service(), QueryOptions.defaults().withTimeout(timeout), redactor);
        try (OpenResponse r = transport.send(request, auth, errors, scope, what)) {
            String text;
            try (InputStream in = r.body()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    return new Reply(r.code(), null, null, errors.service() + " sent more than " + MAX_BODY / (1024 * 1024)
                            + " MB while " + what + "; that is not a lookup answer");
                }
                text = new String(bytes, StandardCharsets.UTF_8);
                r.markComplete();
            } catch (IOException e) {
                throw scope.ioFailure(e, "reading the answer while " + what);
            }
            if (!parseJson) {
                return new Reply(r.code(), null, text, null);
            }
            try {
                JsonNode json = text.isBlank() ? null : MAPPER.readTree(text);
                if (json == null) {
                    return new Reply(r.code(), null, text, errors.service() + " sent an empty body while " + what);
                }
                return new Reply(r.code(), json, text, null);
            } catch (JsonProcessingException e) {
                return new Reply(r.code(), null, text, errors.service() + " sent a body that is not valid JSON while " + what
                        + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                        + redactor.redact(e.getOriginalMessage()) + ")");
            }
        } catch (ServiceRejection e) {
            return new Reply(e.status(), null, null, e.getMessage());
        } finally {
            scope.close();
        }
    }

    /** Redacts the provider's secrets from {@code text}. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    // ------------------------------------------------------------------ results

    /** An answer: found or not, with the service's body as the raw result. */
    public TiResult answer(String observable, IocType type, String subtype, boolean found, Severity severity,
                           Map<String, Object> details, Reply reply, String reference) {
        return new TiResult(observable, type, provider, subtype, found, severity, details,
                reply == null ? null : redactor.redact(reply.text()), redactor.redact(reference), LookupStatus.OK, null);
    }

    /** The service does not know the observable. */
    public TiResult notFound(String observable, IocType type, String subtype, Reply reply) {
        return new TiResult(observable, type, provider, subtype, false, Severity.UNKNOWN, Map.of(),
                reply == null ? null : redactor.redact(reply.text()), null, LookupStatus.OK, null);
    }

    /** A result for a failure that another try would not fix (a body that is not JSON, an unexpected status). */
    public TiResult failed(String observable, IocType type, LookupStatus status, String message) {
        return TiResult.failed(observable, type, provider, status, redactor.redact(message));
    }

    /** The plugin does not look up this type. */
    public TiResult unsupported(String observable, IocType type, String service) {
        return TiResult.failed(observable, type, provider, LookupStatus.UNSUPPORTED,
                service + " does not look up " + (type == null ? "this kind of" : type.id()) + " observables");
    }

    /**
     * The usual interpretation of a reply that is not a 2xx with JSON: 404 is "not found", 400/422 mean the service
     * calls the observable malformed, a body that is not JSON is an error.
     */
    public TiResult unusual(String observable, IocType type, Reply reply) {
        if (reply.code() == 404) {
            return notFound(observable, type, null, null);
        }
        if (reply.code() == 400 || reply.code() == 422) {
            return failed(observable, type, LookupStatus.INVALID, reply.message());
        }
        return failed(observable, type, LookupStatus.ERROR, reply.message() == null
                ? errors.service() + " answered HTTP " + reply.code() : reply.message());
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "TiHttp[" + errors.service() + " at " + baseUrl + "]";
    }
}
