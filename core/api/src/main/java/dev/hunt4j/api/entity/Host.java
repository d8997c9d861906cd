package dev.hunt4j.api.entity;

/**
 * A computer.
 *
 * @param hostName short host name
 * @param domain   DNS domain, or {@code null}
 * @param osFamily {@code Windows}, {@code Linux}, ..., or {@code null}
 */
public record Host(String hostName, String domain, String osFamily) implements Entity {
}
