package dev.hunt4j.runtime.enrich;

/** A built-in enricher type whose engine settings default differently from {@link ProviderOptions#defaults()}. */
interface EngineDefaults {
    /** The defaults for this type, starting from {@code base}; values set in the config still win. */
    ProviderOptions engineDefaults(ProviderOptions base);
}
