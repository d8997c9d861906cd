package dev.hunt4j.runtime.plugin;

/**
 * An extension found in a plugin or on the application classpath.
 *
 * @param pluginId the plugin that provides it, or {@link PluginRuntime#CLASSPATH} for classpath extensions
 * @param instance the guarded instance (see {@link PluginGuard})
 * @param <T>      the extension point
 */
public record Extension<T>(String pluginId, T instance) {
}
