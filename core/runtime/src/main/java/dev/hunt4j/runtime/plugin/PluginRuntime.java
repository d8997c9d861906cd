package dev.hunt4j.runtime.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plugins in the three ways hunt4j runs: plugin zips (or expanded folders, or jars) from plugin
 * folders (deployment), straight from plugin module folders after a build (development: {@code target/classes}
 * and {@code target/lib}), and extensions on the application classpath (embedded: plugin jars as ordinary
 * dependencies, found through their {@code META-INF/extensions.idx}). Problems are collected, not thrown.
 */
public final class PluginRuntime implements AutoCloseable {
    /** The plugin id given to extensions found on the application classpath. */
    public static final String CLASSPATH = "classpath";
    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

    private final List<Hunt4jPluginManager> managers = new ArrayList<>();
    private final List<PluginProblem> problems = new ArrayList<>();

    private PluginRuntime() {
    }

    /**
     * Loads and starts plugins.
     *
     * @param pluginDirs       folders holding plugin zips, folders or jars (missing folders are reported as problems)
     * @param developmentRoots folders whose sub-folders are plugin modules (e.g. {@code providers/}); may be empty
     * @param apiVersion       the host's API version, checked against each plugin's {@code plugin.requires}
     */
    public static PluginRuntime start(List<Path> pluginDirs, List<Path> developmentRoots, String apiVersion) {
        PluginRuntime rt = new PluginRuntime();
        List<Path> existing = new ArrayList<>();
        for (Path dir : pluginDirs) {
            if (Files.isDirectory(dir)) {
                existing.add(dir.toAbsolutePath());
            } else {
                rt.problems.add(new PluginProblem("-", dir, "plugin folder does not exist"));
            }
        }
        // The first manager also answers for classpath extensions, so it always exists.
        rt.managers.add(new Hunt4jPluginManager(RuntimeMode.DEPLOYMENT, existing, apiVersion));
        if (!developmentRoots.isEmpty()) {
            rt.managers.add(new Hunt4jPluginManager(RuntimeMode.DEVELOPMENT,
                    developmentRoots.stream().map(Path::toAbsolutePath).toList(), apiVersion));
        }
        for (Hunt4jPluginManager m : rt.managers) {
            m.loadPlugins();
            m.startPlugins();
            for (PluginWrapper w : m.getPlugins()) {
                if (w.getPluginState() == PluginState.FAILED) {
                    m.addProblem(new PluginProblem(w.getPluginId(), w.getPluginPath(), "failed to start: "
                            + (w.getFailedException() == null ? "unknown cause" : Hunt4jPluginManager.rootMessage(w.getFailedException()))));
                } else if (w.getPluginState() == PluginState.STARTED && m.getExtensionClassNames(w.getPluginId()).isEmpty()) {
                    m.addProblem(new PluginProblem(w.getPluginId(), w.getPluginPath(), "declares no extensions: its jar has no "
                            + "META-INF/extensions.idx (build it with PF4J's annotation processor on the compile path, "
                            + "and mark the factory class with @Extension)"));
                }
            }
        }
        rt.reportUnreadableZips(existing);
        rt.problems().forEach(p -> LOG.warn("{}", p));
        return rt;
    }

    /** PF4J skips a zip it cannot expand with only a log line; name it as a problem instead. */
    private void reportUnreadableZips(List<Path> dirs) {
        Set<Path> loaded = new java.util.HashSet<>();
        plugins().forEach(p -> loaded.add(p.path().toAbsolutePath().normalize()));
        Set<String> reported = new java.util.HashSet<>();
        problems().forEach(p -> reported.add(String.valueOf(p.path())));
        for (Path dir : dirs) {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path zip : files.filter(f -> f.getFileName().toString().endsWith(".zip")).sorted().toList()) {
                    String name = zip.getFileName().toString();
                    Path expanded = zip.resolveSibling(name.substring(0, name.length() - 4)).toAbsolutePath().normalize();
                    if (!loaded.contains(expanded) && !reported.contains(expanded.toString())) {
                        problems.add(new PluginProblem(name, zip, "is not a readable plugin zip (expected plugin.properties and lib/*.jar inside)"));
                    }
                }
            } catch (java.io.IOException e) {
                problems.add(new PluginProblem("-", dir, "cannot list plugin folder: " + e.getMessage()));
            }
        }
    }

    /** Every started plugin. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (Hunt4jPluginManager m : managers) {
            for (PluginWrapper w : m.getPlugins()) {
                out.add(new PluginInfo(w.getPluginId(), w.getDescriptor().getVersion(), w.getDescriptor().getPluginDescription(),
                        w.getPluginState().toString(), w.getPluginPath()));
            }
        }
        return out;
    }

    /** Plugins that could not be used, and why. */
    public List<PluginProblem> problems() {
        List<PluginProblem> all = new ArrayList<>(problems);
        managers.forEach(m -> all.addAll(m.problems()));
        return all;
    }

    /**
     * All extensions of {@code type}: from started plugins first, then the classpath. An extension that cannot
     * be created is skipped and recorded as a problem.
     */
    public synchronized <T> List<Extension<T>> extensions(Class<T> type) {
        List<Extension<T>> out = new ArrayList<>();
        Set<String> seenClasses = new LinkedHashSet<>();
        for (Hunt4jPluginManager m : managers) {
            for (PluginWrapper w : m.getStartedPlugins()) {
                collect(m, type, w.getPluginId(), w.getPluginClassLoader(), out, seenClasses);
            }
        }
        collect(managers.get(0), type, null, PluginRuntime.class.getClassLoader(), out, seenClasses);
        return out;
    }

    private <T> void collect(Hunt4jPluginManager m, Class<T> type, String pluginId, ClassLoader loader,
                             List<Extension<T>> out, Set<String> seenClasses) {
        String id = pluginId == null ? CLASSPATH : pluginId;
        List<Class<? extends T>> classes;
        try {
            classes = m.getExtensionClasses(type, pluginId);
        } catch (RuntimeException | LinkageError e) {
            m.addProblem(new PluginProblem(id, null, "cannot list its " + type.getSimpleName() + " extensions: "
                    + Hunt4jPluginManager.rootMessage(e)));
            return;
        }
        for (Class<? extends T> c : classes) {
            // the same class name from a plugin and the classpath: the plugin's copy wins
            if (!seenClasses.add(c.getName())) {
                continue;
            }
            try {
                T instance = type.cast(m.getExtensionFactory().create(c));
                out.add(new Extension<>(id, PluginGuard.wrap(type, instance, loader, id)));
            } catch (RuntimeException | LinkageError e) {
                m.addProblem(new PluginProblem(id, null, "cannot create " + c.getName() + ": " + Hunt4jPluginManager.rootMessage(e)));
            }
        }
    }

    @Override
    public void close() {
        for (Hunt4jPluginManager m : managers) {
            try {
                // unloadPlugins stops each plugin first; PF4J 3.15's stopPlugins() trips over its own list
                m.unloadPlugins();
            } catch (RuntimeException e) {
                LOG.warn("stopping plugins", e);
            }
        }
    }
}
