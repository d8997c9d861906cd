package dev.hunt4j.api.entity;

/**
 * A DNS name.
 *
 * @param domain the fully qualified name
 */
public record DnsName(String domain) implements Entity {
}
