package dev.hunt4j.api.entity;

/**
 * A URL.
 *
 * @param url the URL text
 */
public record Url(String url) implements Entity {
}
