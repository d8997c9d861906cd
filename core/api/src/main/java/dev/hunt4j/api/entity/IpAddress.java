package dev.hunt4j.api.entity;

/**
 * An IPv4 or IPv6 address.
 *
 * @param address the textual address
 */
public record IpAddress(String address) implements Entity {
}
