package dev.hunt4j.toolkit.auth;

import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.RequestAuth;
import okhttp3.Request;

/** A fixed bearer token: a pre-acquired OAuth2 access token or a Splunk authentication token. */
public final class BearerToken implements RequestAuth {
    private final Secret token;
    private final String description;

    /**
     * @param token       the token
     * @param description which credential this is, e.g. {@code access token (setting providers.x.access_token, env:TOKEN)}
     */
    public BearerToken(Secret token, String description) {
        this.token = token;
        this.description = description;
    }

    @Override
    public Request authorize(Request request, QueryScope scope) {
        return request.newBuilder().header("Authorization", "Bearer " + token.reveal()).build();
    }

    @Override
    public String describe() {
        return description;
    }
}
