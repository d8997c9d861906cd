package dev.hunt4j.runtime.plugin;

import java.nio.file.Path;

/**
 * A loaded plugin.
 *
 * @param id          plugin id from plugin.properties
 * @param version     plugin version
 * @param description what it is
 * @param state       PF4J state ({@code STARTED} when usable)
 * @param path        where it was loaded from
 */
public record PluginInfo(String id, String version, String description, String state, Path path) {
}
