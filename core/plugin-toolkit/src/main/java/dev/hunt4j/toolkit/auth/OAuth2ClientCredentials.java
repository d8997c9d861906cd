package dev.hunt4j.toolkit.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.HttpTransport;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.OpenResponse;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.RequestAuth;
import dev.hunt4j.toolkit.ServiceErrors;
import dev.hunt4j.toolkit.ServiceRejection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.FormBody;
import okhttp3.Request;

/**
 * OAuth2 client credentials (RFC 6749 section 4.4) with a token cache: one token per instance, shared by every
 * query and thread, fetched again shortly before it expires (5 minutes before, or after half its lifetime for
 * short-lived tokens) and after the service refuses it. The client authenticates with a secret or, for a
 * certificate, a signed client assertion (RFC 7523). Every token fetched is added to the redactor.
 */
public final class OAuth2ClientCredentials implements RequestAuth {
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final HttpTransport transport;
    private final String tokenUrl;
    private final String clientId;
    private final String scope;
    private final Secret secret;
    private final ClientCertificate certificate;
    private final String description;
    private final ServiceErrors errors;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String token;
    private volatile Instant refreshAt = Instant.MIN;
    private volatile int fetched;

    /**
     * @param tokenUrl    the token endpoint, e.g. {@code https://login.microsoftonline.com/TENANT/oauth2/v2.0/token}
     * @param scope       the {@code scope} parameter, e.g. {@code https://api.loganalytics.io/.default}
     * @param secret      the client secret, or null when {@code certificate} is given
     * @param certificate the certificate credential, or null when {@code secret} is given
     * @param description which credential this is (client id, tenant, setting and secret source), never a value
     * @param errors      how the token endpoint words its errors
     */
    public OAuth2ClientCredentials(HttpTransport transport, String tokenUrl, String clientId, String scope, Secret secret,
                                   ClientCertificate certificate, String description, ServiceErrors errors, Clock clock) {
        if ((secret == null) == (certificate == null)) {
            throw new IllegalArgumentException("exactly one of secret and certificate is needed");
        }
        this.transport = transport;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.scope = scope;
        this.secret = secret;
        this.certificate = certificate;
        this.description = description;
        this.errors = errors;
        this.clock = clock;
        if (secret != null) {
            transport.redactor().add(secret);
        }
    }

    @Override
    public Request authorize(Request request, QueryScope queryScope) {
        return request.newBuilder().header("Authorization", "Bearer " + token(queryScope)).build();
    }

    /** A valid access token, from the cache or fetched now (one fetch at a time, whatever the number of threads). */
    public String token(QueryScope queryScope) {
        String t = token;
        if (t != null && clock.instant().isBefore(refreshAt)) {
            return t;
        }
        lock.lock();
        try {
            if (token != null && clock.instant().isBefore(refreshAt)) {
                return token;
            }
            fetch(queryScope);
            return token;
        } finally {
            lock.unlock();
        }
    }

    /** How many tokens were fetched so far. */
    public int tokensFetched() {
        return fetched;
    }

    private void fetch(QueryScope queryScope) {
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_id", clientId)
                .add("scope", scope);
        if (secret != null) {
            form.add("client_secret", secret.reveal());
        } else {
            form.add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .add("client_assertion", certificate.assertion(clientId, tokenUrl, clock.instant()));
        }
        Request req = new Request.Builder().url(tokenUrl).post(form.build()).header("Accept", "application/json").build();
        Instant asked = clock.instant();
        OpenResponse resp;
        try {
            // the request carries the credential in its body; this only names it in errors
            RequestAuth self = new RequestAuth() {
                @Override
                public Request authorize(Request request, QueryScope s) {
                    return request;
                }

                @Override
                public String describe() {
                    return description;
                }
            };
            resp = transport.send(req, self, errors, queryScope, "getting an access token from " + tokenUrl);
        } catch (ServiceRejection e) {
            // the token endpoint answers a bad client id, secret or tenant with 400
            throw new AuthenticationException(e.getMessage() + ". Credential: " + description + ". "
                    + errors.authHint(e.status(), e.getMessage()));
        }
        String accessToken = null;
        long expiresIn = 3600;
        try (JsonBody body = new JsonBody(resp, errors.service() + " token response")) {
            JsonParser p = body.parser();
            if (body.next("") != JsonToken.START_OBJECT) {
                throw queryScope.error(errors.service() + " token response is not a JSON object");
            }
            for (JsonToken t = body.next(""); t == JsonToken.FIELD_NAME; t = body.next("")) {
                String field = p.currentName();
                JsonToken v = body.next("");
                switch (field) {
                    case "access_token" -> accessToken = p.getText();
                    case "expires_in" -> expiresIn = v == JsonToken.VALUE_STRING ? Long.parseLong(p.getText().trim()) : p.getLongValue();
                    default -> body.skip("");
                }
            }
            body.markComplete();
        } catch (IOException | NumberFormatException e) {
            throw queryScope.error(errors.service() + " token response could not be read: " + QueryScope.describe(e), e);
        }
        if (accessToken == null || accessToken.isEmpty()) {
            throw new AuthenticationException(errors.service() + " answered without an access_token. Credential: " + description);
        }
        transport.redactor().add(accessToken);
        Duration life = Duration.ofSeconds(Math.max(0, expiresIn));
        Duration margin = life.compareTo(REFRESH_MARGIN.multipliedBy(2)) < 0 ? life.dividedBy(2) : REFRESH_MARGIN;
        refreshAt = asked.plus(life).minus(margin);
        token = accessToken;
        fetched++;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean refreshable() {
        return true;
    }

    @Override
    public void invalidate() {
        lock.lock();
        try {
            token = null;
            refreshAt = Instant.MIN;
        } finally {
            lock.unlock();
        }
    }
}
