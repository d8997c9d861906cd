package dev.hunt4j.titoolkit;

import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.RequestAuth;
import okhttp3.Request;

/**
 * An API key sent in a request header ({@code x-apikey}, {@code Key}, {@code X-OTX-API-KEY}, ...).
 *
 * @param header  the header name
 * @param key     the key
 * @param setting the setting it came from, for messages ({@code enrichers.vt.api_key})
 */
public record HeaderAuth(String header, Secret key, String setting) implements RequestAuth {

    @Override
    public Request authorize(Request request, QueryScope scope) {
        return request.newBuilder().header(header, key.reveal()).build();
    }

    @Override
    public String describe() {
        return "API key in header " + header + " from setting '" + setting + "' (" + key.source() + ")";
    }

    @Override
    public String toString() {
        return "HeaderAuth[" + header + ", " + key + "]";
    }
}
