package dev.hunt4j.toolkit.auth;

import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Redactor;
import dev.hunt4j.toolkit.RequestAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.Request;

/** HTTP basic authentication; the encoded header value is added to the redactor too. */
public final class BasicAuth implements RequestAuth {
    private final String header;
    private final String description;

    /**
     * @param description which credential this is, e.g. {@code user 'admin' with password (setting ..., env:PW)}
     */
    public BasicAuth(String username, Secret password, String description, Redactor redactor) {
        String encoded = Base64.getEncoder().encodeToString((username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
        redactor.add(password).add(encoded);
        this.header = "Basic " + encoded;
        this.description = description;
    }

    @Override
    public Request authorize(Request request, QueryScope scope) {
        return request.newBuilder().header("Authorization", header).build();
    }

    @Override
    public String describe() {
        return description;
    }
}
