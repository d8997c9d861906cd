package dev.hunt4j.runtime.plugin;

import java.nio.file.Path;

/**
 * A plugin that could not be used, and why. The host keeps running without it.
 *
 * @param pluginId the plugin's id, or its file name when the descriptor could not be read
 * @param path     where it was loaded from, or {@code null} for classpath extensions
 * @param message  what went wrong, saying what to check
 */
public record PluginProblem(String pluginId, Path path, String message) {
    @Override
    public String toString() {
        return "plugin " + pluginId + (path == null ? "" : " (" + path + ")") + ": " + message;
    }
}
