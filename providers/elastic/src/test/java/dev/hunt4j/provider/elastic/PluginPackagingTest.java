package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.query.ProviderCapability;
import dev.hunt4j.api.query.QueryLanguages;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultVersionManager;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/** The PF4J descriptor, the extension index and what the factory declares. */
class PluginPackagingTest {
    @Test
    void extensionIndexListsTheFactory() throws Exception {
        URL url = ElasticProviderFactory.class.getProtectionDomain().getCodeSource().getLocation();
        Path idx = Path.of(url.toURI()).resolve("META-INF/extensions.idx");
        assertTrue(Files.isRegularFile(idx), idx + " missing: the PF4J annotation processor did not run");
        assertTrue(Files.readString(idx, StandardCharsets.UTF_8).lines().anyMatch(ElasticProviderFactory.class.getName()::equals));
    }

    @Test
    void descriptorIsValidAndRequiresTheApiVersion() {
        PluginDescriptor d = new PropertiesPluginDescriptorFinder().find(Path.of("").toAbsolutePath());
        assertEquals("hunt4j-provider-elastic", d.getPluginId());
        assertEquals(Plugin.class.getName(), d.getPluginClass());
        assertFalse(d.getPluginDescription().isBlank());
        DefaultVersionManager versions = new DefaultVersionManager();
        assertTrue(versions.checkVersionConstraint("0.1.0", d.getRequires()));
        assertFalse(versions.checkVersionConstraint("0.2.0", d.getRequires()));
    }

    @Test
    void factoryDeclaresTypeLanguageCapabilitiesAndQueries() {
        ElasticProviderFactory f = new ElasticProviderFactory();
        assertEquals("elastic", f.type());
        assertEquals(QueryLanguages.JSON, f.language());
        assertEquals(EnumSet.allOf(ProviderCapability.class), f.capabilities());
        assertTrue(f.dataEnvironments().containsAll(java.util.Set.of("Elasticsearch", "OpenSearch")));
        assertEquals(1, f.builtinQueryFiles().size());
    }
}
