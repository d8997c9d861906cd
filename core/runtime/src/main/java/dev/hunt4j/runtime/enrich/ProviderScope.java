package dev.hunt4j.runtime.enrich;

/** Which configured providers a lookup uses when none are named (MSTICPy's {@code prov_scope}). */
public enum ProviderScope {
    /** Providers with {@code primary: true} (the default for every provider). */
    PRIMARY,
    /** Providers with {@code primary: false}. */
    SECONDARY,
    /** Every configured provider. */
    ALL
}
