package dev.hunt4j.api;

import java.util.Locale;

/** How bad a finding is, ordered: {@code UNKNOWN < INFORMATION < WARNING < HIGH} (compare with {@link #compareTo}). */
public enum Severity {
    UNKNOWN, INFORMATION, WARNING, HIGH;

    /** Lower-case name as shown in tables. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two severities. */
    public Severity max(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
