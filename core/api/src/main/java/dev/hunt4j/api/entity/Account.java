package dev.hunt4j.api.entity;

/**
 * A user or service account.
 *
 * @param name   the account name without domain
 * @param domain NetBIOS or DNS domain, or {@code null}
 * @param upn    user principal name, or {@code null}
 * @param sid    Windows security identifier, or {@code null}
 */
public record Account(String name, String domain, String upn, String sid) implements Entity {
}
