package dev.hunt4j.api.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/** Extension point for a threat-intelligence or context service (VirusTotal, a local IoC feed, ...). */
public interface EnricherFactory extends ExtensionPoint {

    /** The type users name in config, e.g. {@code virustotal}, {@code local-feed}. */
    String type();

    /** One line saying what the service is. */
    String description();

    /** The observable types the service can look up. */
    Set<IocType> supportedTypes();

    /**
     * The settings this plugin reads, key to one-line meaning. When not empty, the host rejects any other key
     * in the plugin's configuration (naming it and the closest known key), so a typo never goes unnoticed.
     */
    default java.util.Map<String, String> knownSettings() {
        return java.util.Map.of();
    }

    /** Creates one configured instance. */
    Enricher create(PluginSettings settings);
}
