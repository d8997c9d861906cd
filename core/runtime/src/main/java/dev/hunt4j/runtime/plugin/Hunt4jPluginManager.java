package dev.hunt4j.runtime.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pf4j.BasePluginLoader;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginClasspath;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DevelopmentPluginClasspath;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's plugin manager with hunt4j's rules: plugin class loaders that take the API from the host, the
 * API version as system version (so {@code plugin.requires} is checked), and problems recorded per plugin
 * instead of thrown, so one broken plugin never stops the host.
 */
final class Hunt4jPluginManager extends DefaultPluginManager {
    // PF4J builds its repository in the super constructor, before our fields are set.
    private static final ThreadLocal<RuntimeMode> PENDING_MODE = new ThreadLocal<>();

    private final RuntimeMode mode;
    private final List<PluginProblem> problems = Collections.synchronizedList(new ArrayList<>());

    Hunt4jPluginManager(RuntimeMode mode, List<Path> roots, String systemVersion) {
        super(pending(mode, roots));
        PENDING_MODE.remove();
        this.mode = mode;
        setSystemVersion(systemVersion);
        setExactVersionAllowed(true);
    }

    private static List<Path> pending(RuntimeMode mode, List<Path> roots) {
        PENDING_MODE.set(mode);
        return roots;
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return mode != null ? mode : PENDING_MODE.get();
    }

    List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    void addProblem(PluginProblem problem) {
        problems.add(problem);
    }

    /** plugin.properties is the one descriptor format (no manifest fallback with its confusing errors). */
    @Override
    protected org.pf4j.PluginDescriptorFinder createPluginDescriptorFinder() {
        return new org.pf4j.PropertiesPluginDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        if (getRuntimeMode() == RuntimeMode.DEVELOPMENT) {
            return new CompoundPluginLoader().add(new ApiFirstLoader(this, new DevelopmentPluginClasspath()));
        }
        return new CompoundPluginLoader()
                .add(new ApiFirstLoader(this, new DefaultPluginClasspath()))
                .add(new ApiFirstJarLoader(this));
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException | LinkageError e) {
            problems.add(new PluginProblem(pluginPath.getFileName().toString(), pluginPath,
                    "cannot be loaded: " + rootMessage(e)));
            return null;
        }
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        boolean valid = super.isPluginValid(plugin);
        if (!valid) {
            PluginDescriptor d = plugin.getDescriptor();
            problems.add(new PluginProblem(d.getPluginId(), plugin.getPluginPath(), "requires hunt4j API "
                    + d.getRequires() + " but this host provides " + getSystemVersion() + "; use a plugin version built for "
                    + getSystemVersion()));
        }
        return valid;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!sb.toString().contains(m)) {
                sb.append(": ").append(m);
            }
        }
        return sb.toString();
    }

    /** PF4J's directory/zip loader with our class loader. */
    private static final class ApiFirstLoader extends BasePluginLoader {
        ApiFirstLoader(Hunt4jPluginManager manager, org.pf4j.PluginClasspath classpath) {
            super(manager, classpath);
        }

        @Override
        public boolean isApplicable(Path pluginPath) {
            // folders (zips are expanded to folders by PF4J); single jars go to the jar loader
            return java.nio.file.Files.isDirectory(pluginPath);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new ApiFirstClassLoader(pluginManager, descriptor, getClass().getClassLoader());
        }
    }

    /** PF4J's single-jar loader with our class loader. */
    private static final class ApiFirstJarLoader extends JarPluginLoader {
        ApiFirstJarLoader(Hunt4jPluginManager manager) {
            super(manager);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new ApiFirstClassLoader(pluginManager, descriptor, getClass().getClassLoader());
        }
    }
}
