package dev.hunt4j.ti.localfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/** The PF4J descriptor and extension index the host relies on. */
class PluginPackagingTest {
    @Test
    void extensionIndexListsTheFactory() throws Exception {
        URL url = LocalFeedFactory.class.getProtectionDomain().getCodeSource().getLocation();
        Path idx = Path.of(url.toURI()).resolve("META-INF/extensions.idx");
        assertTrue(Files.isRegularFile(idx), idx + " missing: the PF4J annotation processor did not run");
        assertTrue(Files.readString(idx, StandardCharsets.UTF_8).lines().anyMatch(LocalFeedFactory.class.getName()::equals));
    }

    @Test
    void descriptorRequiresTheApiVersion() {
        PluginDescriptor d = new PropertiesPluginDescriptorFinder().find(Path.of("").toAbsolutePath());
        assertEquals("hunt4j-ti-local-feed", d.getPluginId());
        DefaultVersionManager versions = new DefaultVersionManager();
        assertTrue(versions.checkVersionConstraint("0.1.0", d.getRequires()));
        assertTrue(!versions.checkVersionConstraint("0.2.0", d.getRequires()));
    }
}
