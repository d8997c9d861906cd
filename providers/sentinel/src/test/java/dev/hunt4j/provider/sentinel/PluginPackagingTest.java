package dev.hunt4j.provider.sentinel;

import dev.hunt4j.toolkit.testing.PluginPackaging;
import org.junit.jupiter.api.Test;

/** The PF4J descriptor and extension index the host relies on. */
class PluginPackagingTest {
    @Test
    void extensionIndexListsTheFactory() throws Exception {
        PluginPackaging.assertExtensionIndexed(SentinelProviderFactory.class);
    }

    @Test
    void descriptorIsValidAndRequiresTheApiVersion() {
        PluginPackaging.assertDescriptor("hunt4j-provider-sentinel");
    }
}
