package dev.hunt4j.toolkit;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.ThrottledException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider instance's HTTP client: OkHttp set up from {@link HttpSettings}, and {@link #send} which adds
 * authentication, enforces the query's deadline and cancellation, retries what is worth retrying and turns every
 * failure into a clear, redacted exception.
 *
 * <p>Retried: I/O errors, 408, 500, 502, 503, 504 (exponential backoff with jitter, or the service's
 * {@code Retry-After}) and 429 (the service's {@code Retry-After}, {@code x-ms-retry-after-ms} or the wait named in
 * its message, when not longer than {@code max_retry_wait}). A 401 is retried once with a fresh token when the
 * credential can be refreshed. Everything else fails at once.
 */
public final class HttpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OkHttpClient client;
    private final HttpSettings settings;
    private final Redactor redactor;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @throws ConfigurationException when the CA file cannot be used (naming {@code ca_file})
     */
    public HttpTransport(HttpSettings settings, Redactor redactor) {
        this.settings = settings;
        this.redactor = redactor;
        this.client = build(settings);
    }

    private static OkHttpClient build(HttpSettings s) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(s.connectTimeout())
                .readTimeout(s.readTimeout())
                .writeTimeout(s.connectTimeout().plus(Duration.ofSeconds(30)));
        s.proxy().ifPresent(p -> b.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), p.getPort()))));
        if (!s.verifyTls()) {
            LOG.warn("TLS certificate and host name checks are OFF for {} (setting '{}.verify: false'): anyone on the "
                    + "network path can read and change this traffic, credentials included", s.keyPath(), s.keyPath());
            X509TrustManager trustAll = new TrustAll();
            b.sslSocketFactory(context(trustAll).getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true);
        } else if (s.caFile().isPresent()) {
            X509TrustManager tm = trustManagerFor(s);
            b.sslSocketFactory(context(tm).getSocketFactory(), tm);
        }
        return b.build();
    }

    private static X509TrustManager trustManagerFor(HttpSettings s) {
        try (InputStream in = Files.newInputStream(s.caFile().get())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new ConfigurationException("setting '" + s.keyPath() + ".ca_file' (" + s.caFile().get()
                        + ") holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new ConfigurationException("no X.509 trust manager available for '" + s.keyPath() + ".ca_file'");
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("setting '" + s.keyPath() + ".ca_file' (" + s.caFile().get()
                    + ") is not a readable PEM certificate file: " + QueryScope.describe(e), e);
        }
    }

    private static SSLContext context(X509TrustManager tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The OkHttp client, for calls that need no retry handling (e.g. best-effort clean-up). */
    public OkHttpClient client() {
        return client;
    }

    public HttpSettings settings() {
        return settings;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** Responses handed out by {@link #send} and not closed yet. */
    public int openResponses() {
        return open.get();
    }

    void released() {
        open.decrementAndGet();
    }

    /**
     * Sends {@code request}, retrying as described in the class comment, and returns the open 2xx response.
     *
     * @param auth   adds credentials, or null for none
     * @param errors how the service words its errors
     * @param what   what the call does, for messages (e.g. {@code "running the query"})
     * @throws AuthenticationException on 401/403, naming the credential and what to check
     * @throws ThrottledException      on 429 when retries are used up or the service asks for a long wait
     * @throws ServiceRejection       on any other 4xx, with the service's message
     * @throws dev.hunt4j.api.QueryException on 5xx and network failures once retries are used up, timeouts, cancellation
     */
    public OpenResponse send(Request request, RequestAuth auth, ServiceErrors errors, QueryScope scope, String what) {
        String service = errors.service();
        int attempt = 0;
        boolean reauthorized = false;
        while (true) {
            scope.checkCancelled();
            scope.checkDeadline(what);
            Request r = auth == null ? request : auth.authorize(request, scope);
            Call call = client.newCall(r);
            call.timeout().timeout(Math.max(1, scope.deadline().remaining().toMillis()), TimeUnit.MILLISECONDS);
            scope.track(call);
            Response resp;
            try {
                resp = call.execute();
            } catch (IOException e) {
                scope.untrack(call);
                if (scope.isCancelled() || scope.deadline().expired() || !retryable(e) || attempt >= settings.maxRetries()) {
                    throw scope.ioFailure(e, what + attempts(attempt) + hintFor(e, r));
                }
                Duration wait = backoff(attempt);
                LOG.warn(scope.redact(service + ": " + QueryScope.describe(e) + " while " + what + "; retry " + (attempt + 1)
                        + " of " + settings.maxRetries() + " in " + Texts.duration(wait)));
                waitBeforeRetry(scope, wait, what, null);
                attempt++;
                continue;
            }
            int code = resp.code();
            if (code >= 200 && code < 300) {
                open.incrementAndGet();
                return new OpenResponse(resp, call, scope, this);
            }
            String body = errorBody(resp);
            Duration retryAfter = retryAfter(resp);
            resp.close();
            scope.untrack(call);
            String message = errors.message(code, body);
            if (message == null || message.isBlank()) {
                message = body.isBlank() ? "no details in the response" : Texts.abbreviate(body.strip(), 500);
            }
            message = scope.redact(message);
            if (code == 401 && auth != null && auth.refreshable() && !reauthorized) {
                LOG.debug("{}: 401 while {}; fetching a new token and trying once more", service, what);
                auth.invalidate();
                reauthorized = true;
                continue;
            }
            if (code == 401 || code == 403) {
                throw new AuthenticationException(scope.redact(service + " refused the request (HTTP " + code
                        + (code == 401 ? " Unauthorized" : " Forbidden") + ": " + message + ") while " + what + ". Credential: "
                        + (auth == null ? "none configured" : auth.describe()) + ". " + errors.authHint(code, message)));
            }
            boolean throttled = code == 429;
            if (throttled && retryAfter == null) {
                retryAfter = errors.retryAfterInMessage(message);
            }
            if (throttled || code == 408 || code == 500 || code == 502 || code == 503 || code == 504) {
                String status = "HTTP " + code + ": " + message;
                if (throttled && retryAfter != null && retryAfter.compareTo(settings.maxRetryWait()) > 0) {
                    throw throttledError(errors, scope, status, what, retryAfter, "it asked to wait "
                            + Texts.duration(retryAfter) + ", longer than max_retry_wait (" + Texts.duration(settings.maxRetryWait()) + ")");
                }
                if (attempt < settings.maxRetries() && errors.retryable(code, message)) {
                    Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
                    LOG.warn(scope.redact(service + " answered " + status + " while " + what + "; retry " + (attempt + 1) + " of "
                            + settings.maxRetries() + " in " + Texts.duration(wait)));
                    waitBeforeRetry(scope, wait, what, throttled ? () -> throttledError(errors, scope, status, what,
                            wait, "waiting " + Texts.duration(wait) + " would pass the query's timeout ("
                                    + Texts.duration(scope.deadline().limit()) + ")") : null);
                    attempt++;
                    continue;
                }
                if (throttled) {
                    throw throttledError(errors, scope, status, what, retryAfter, "still refused after " + (attempt + 1)
                            + " attempts (max_retries " + settings.maxRetries() + ")");
                }
                String hint = errors.errorHint(code, message);
                throw scope.error(service + " failed with " + status + " while " + what + attempts(attempt)
                        + (hint == null || hint.isEmpty() ? "; the service may be degraded, try again later" : ". " + hint));
            }
            String hint = errors.errorHint(code, message);
            throw new ServiceRejection(scope.redact(service + " rejected the request (HTTP " + code + ") while " + what + ": "
                    + message + (hint == null || hint.isEmpty() ? "" : " " + hint)), code);
        }
    }

    private ThrottledException throttledError(ServiceErrors errors, QueryScope scope, String status, String what,
                                              Duration retryAfter, String why) {
        String hint = errors.throttleHint();
        return new ThrottledException(scope.redact(errors.service() + " is throttling requests (" + status + ") while " + what
                + "; " + why + (hint.isEmpty() ? "" : ". " + hint)), retryAfter);
    }

    /** Sleeps before a retry; when the wait would pass the deadline, fails with {@code tooLong} or a timeout. */
    private static void waitBeforeRetry(QueryScope scope, Duration wait, String what,
                                        java.util.function.Supplier<RuntimeException> tooLong) {
        if (wait.compareTo(scope.deadline().remaining()) >= 0) {
            throw tooLong != null ? tooLong.get() : scope.timedOut(what + " (the next retry was due in " + Texts.duration(wait) + ")");
        }
        scope.sleep(wait, "waiting to retry");
    }

    private static String attempts(int attempt) {
        return attempt == 0 ? "" : " (after " + (attempt + 1) + " attempts)";
    }

    private String hintFor(IOException e, Request r) {
        if (e instanceof java.net.SocketTimeoutException) {
            return "; the service sent nothing for " + Texts.duration(settings.readTimeout()) + " (setting read_timeout)";
        }
        if (e instanceof UnknownHostException) {
            return "; check the host name in " + r.url().scheme() + "://" + r.url().host() + " and DNS";
        }
        if (e instanceof SSLHandshakeException) {
            return "; the server's TLS certificate is not trusted: set ca_file to the CA that signed it";
        }
        if (e instanceof java.net.ConnectException) {
            return "; nothing answers at " + r.url().host() + ":" + r.url().port();
        }
        return "";
    }

    /** Network errors worth another try; TLS trust problems and unknown hosts are not. */
    private static boolean retryable(IOException e) {
        if (e instanceof UnknownHostException || e instanceof javax.net.ssl.SSLPeerUnverifiedException
                || e instanceof SSLHandshakeException) {
            return false;
        }
        // of the InterruptedIOExceptions only socket timeouts are retried: the call timeout is the query's deadline
        return !(e instanceof InterruptedIOException) || e instanceof java.net.SocketTimeoutException;
    }

    private Duration backoff(int attempt) {
        long base = settings.retryBackoff().toMillis() << Math.min(attempt, 16);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        // jitter in [50%, 100%] so parallel chunks do not retry in lock-step
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static String errorBody(Response resp) {
        try {
            return resp.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code Retry-After} (seconds or an HTTP date) or Azure's {@code x-ms-retry-after-ms}; null when absent. */
    static Duration retryAfter(Response resp) {
        String ms = resp.header("x-ms-retry-after-ms");
        if (ms != null) {
            try {
                return Duration.ofMillis(Math.max(0, Long.parseLong(ms.trim())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String v = resp.header("Retry-After");
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.trim();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(java.time.Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    /** Closes idle connections and stops OkHttp's threads. */
    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** For {@code verify: false} only. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // accepts everything: the user turned verification off and was warned
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepts everything: the user turned verification off and was warned
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
