package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultVersionManager;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/** The PF4J descriptor and extension index the host relies on. */
class PluginPackagingTest {
    @Test
    void extensionIndexListsTheFactory() throws Exception {
        // the index next to the main classes (test-classes gets its own, empty one from the same processor)
        URL url = LocalFilesProviderFactory.class.getProtectionDomain().getCodeSource().getLocation();
        Path idx = Path.of(url.toURI()).resolve("META-INF/extensions.idx");
        assertTrue(Files.isRegularFile(idx), idx + " missing: the PF4J annotation processor did not run");
        String text = Files.readString(idx, StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(LocalFilesProviderFactory.class.getName()::equals), text);
    }

    @Test
    void descriptorIsValidAndRequiresTheApiVersion() {
        // surefire runs in the module folder, where plugin.properties lives
        PluginDescriptor d = new PropertiesPluginDescriptorFinder().find(Path.of("").toAbsolutePath());
        assertEquals("hunt4j-provider-local", d.getPluginId());
        assertEquals("0.1.0", d.getVersion());
        assertEquals(Plugin.class.getName(), d.getPluginClass(), "no plugin.class: PF4J's default Plugin");
        assertEquals("Apache-2.0", d.getLicense());
        assertFalse(d.getPluginDescription().isBlank());
        DefaultVersionManager versions = new DefaultVersionManager();
        assertTrue(versions.checkVersionConstraint("0.1.0", d.getRequires()));
        assertTrue(versions.checkVersionConstraint("0.1.7", d.getRequires()));
        assertFalse(versions.checkVersionConstraint("0.2.0", d.getRequires()));
        assertFalse(versions.checkVersionConstraint("0.0.9", d.getRequires()));
    }
}
