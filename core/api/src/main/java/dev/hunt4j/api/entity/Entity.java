package dev.hunt4j.api.entity;

/**
 * Things an investigation is about. Providers map their field names onto these (e.g. ECS
 * {@code host.name} to {@link Host#hostName()}) so analyses and views work on any backend.
 */
public sealed interface Entity permits Account, Host, IpAddress, Process, FileEntity, Url, DnsName {
}
