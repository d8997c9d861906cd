package dev.hunt4j.runtime.plugin;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: plugin-first for everything the plugin bundles, but the hunt4j API and slf4j
 * always come from the host, so the host and every plugin share one {@code QueryProviderFactory} class
 * (a plugin that bundles its own copy would otherwise fail with a ClassCastException) and one logging setup.
 */
final class ApiFirstClassLoader extends PluginClassLoader {
    static final String[] HOST_PACKAGES = {"dev.hunt4j.api.", "org.slf4j."};
    private static final String EXTENSION_INDEX = "META-INF/extensions.idx";

    ApiFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        for (String prefix : HOST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return super.shouldDelegateToParent(className);
    }

    /**
     * A plugin's extension index is its own: without this, PF4J would also read the host classpath's
     * {@code META-INF/extensions.idx} through the parent and credit the plugin with the host's extensions.
     */
    @Override
    public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
        return name.equals(EXTENSION_INDEX) ? findResources(name) : super.getResources(name);
    }

    @Override
    public java.net.URL getResource(String name) {
        return name.equals(EXTENSION_INDEX) ? findResource(name) : super.getResource(name);
    }

    /**
     * PF4J reads a plugin's index with {@code getResourceAsStream}, which sees only the first jar's; a library in
     * the plugin's lib/ with an (empty) index of its own would hide the plugin's. Read all of the plugin's own.
     */
    @Override
    public java.io.InputStream getResourceAsStream(String name) {
        if (!name.equals(EXTENSION_INDEX)) {
            return super.getResourceAsStream(name);
        }
        try {
            java.util.List<java.io.InputStream> parts = new java.util.ArrayList<>();
            for (java.net.URL url : java.util.Collections.list(findResources(name))) {
                parts.add(url.openStream());
                parts.add(new java.io.ByteArrayInputStream(new byte[] {'\n'}));
            }
            return parts.isEmpty() ? null : new java.io.SequenceInputStream(java.util.Collections.enumeration(parts));
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
