package dev.hunt4j.api.entity;

/**
 * A file (named FileEntity so it does not hide {@code java.io.File}).
 *
 * @param path   full path
 * @param sha256 SHA-256 hash, or {@code null}
 */
public record FileEntity(String path, String sha256) implements Entity {
}
