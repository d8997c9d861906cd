package dev.hunt4j.api.query;

import dev.hunt4j.api.PluginSettings;
import java.net.URL;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for a data backend (SIEM, XDR, log store, local files). One factory per backend type;
 * the host calls {@link #connect} once per configured instance.
 */
public interface QueryProviderFactory extends ExtensionPoint {

    /** The provider type users name in config and on the command line, e.g. {@code local}, {@code splunk}. */
    String type();

    /** One line saying what the backend is. */
    String description();

    /** The language query texts are written in; also decides how parameter values are escaped. */
    QueryLanguage language();

    /**
     * MSTICPy {@code data_environments} names whose query files this provider runs, compared
     * case-insensitively; by default just {@link #type()}.
     */
    default Set<String> dataEnvironments() {
        return Set.of(type());
    }

    /**
     * The settings this plugin reads, key to one-line meaning. When not empty, the host rejects any other key
     * in the plugin's configuration (naming it and the closest known key), so a typo never goes unnoticed.
     */
    default java.util.Map<String, String> knownSettings() {
        return java.util.Map.of();
    }

    /** What the provider honours from {@link QueryOptions}. */
    default Set<ProviderCapability> capabilities() {
        return EnumSet.noneOf(ProviderCapability.class);
    }

    /** Query files (MSTICPy query YAML) bundled with the plugin, e.g. from {@code getClass().getResource(...)}. */
    default List<URL> builtinQueryFiles() {
        return List.of();
    }

    /**
     * Connects one configured instance.
     *
     * @throws dev.hunt4j.api.ConfigurationException    when a setting is missing or wrong (naming its key path)
     * @throws dev.hunt4j.api.AuthenticationException when the backend refuses the credentials
     */
    QueryProvider connect(PluginSettings settings);
}
