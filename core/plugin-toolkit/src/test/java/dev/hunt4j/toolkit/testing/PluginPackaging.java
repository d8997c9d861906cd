package dev.hunt4j.toolkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/** What the host needs from a plugin module: the extension index naming the factory, and a valid descriptor. */
public final class PluginPackaging {
    private PluginPackaging() {
    }

    /** The index next to the main classes lists {@code factory} (the PF4J annotation processor ran). */
    public static void assertExtensionIndexed(Class<?> factory) throws Exception {
        URL url = factory.getProtectionDomain().getCodeSource().getLocation();
        Path idx = Path.of(url.toURI()).resolve("META-INF/extensions.idx");
        assertTrue(Files.isRegularFile(idx), idx + " missing: the PF4J annotation processor did not run");
        assertTrue(Files.readString(idx, StandardCharsets.UTF_8).lines().anyMatch(factory.getName()::equals), idx + " does not list "
                + factory.getName());
    }

    /** The module's {@code plugin.properties} (surefire runs in the module folder) names {@code id} and requires API 0.1.x. */
    public static void assertDescriptor(String id) {
        PluginDescriptor d = new PropertiesPluginDescriptorFinder().find(Path.of("").toAbsolutePath());
        assertEquals(id, d.getPluginId());
        assertFalse(d.getPluginDescription().isBlank());
        assertEquals("Apache-2.0", d.getLicense());
        DefaultVersionManager versions = new DefaultVersionManager();
        assertTrue(versions.checkVersionConstraint("0.1.0", d.getRequires()));
        assertTrue(versions.checkVersionConstraint("0.1.7", d.getRequires()));
        assertFalse(versions.checkVersionConstraint("0.2.0", d.getRequires()));
    }
}
