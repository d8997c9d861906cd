package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import java.util.Set;

/**
 * A TI provider as the engine knows it.
 *
 * @param name           the instance name used in lookups and result rows
 * @param type           the plugin type ({@code virustotal}, {@code local-feed})
 * @param description    what the plugin says it is, or empty when no plugin provides the type
 * @param supportedTypes the observable types it looks up
 * @param options        how the engine runs it, or {@code null} when it could not be set up
 * @param problem        why it cannot be used (unknown type, bad setting, missing secret), or {@code null}
 */
public record TiProviderInfo(String name, String type, String description, Set<IocType> supportedTypes,
                             ProviderOptions options, String problem) {
    public TiProviderInfo {
        supportedTypes = Set.copyOf(supportedTypes);
    }

    /** Whether lookups can use it. */
    public boolean usable() {
        return problem == null;
    }
}
