package dev.hunt4j.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRuntimeTest {
    private static final String API = "0.1.0";

    @TempDir
    Path dir;

    private static Optional<QueryProviderFactory> factory(PluginRuntime rt, String type) {
        return rt.extensions(QueryProviderFactory.class).stream().map(Extension::instance).filter(f -> f.type().equals(type)).findFirst();
    }

    private static Object[] oneRow(QueryProviderFactory f) {
        try (QueryProvider p = f.connect(PluginSettings.empty("t"))) {
            return p.execute("q", QueryOptions.defaults()).toList().get(0);
        }
    }

    @Test
    void pluginZipIsLoadedWithItsOwnClassLoaderAndContextLoaderSetDuringCalls() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.zip(plugins, "good", ">=0.1.0", Map.of("p.good.Factory", TestPlugins.providerSource("p.good", "good", TestPlugins.loaderRow())),
                true, List.of());
        try (PluginRuntime rt = PluginRuntime.start(List.of(plugins), List.of(), API)) {
            assertEquals(List.of(), rt.problems());
            QueryProviderFactory f = factory(rt, "good").orElseThrow();
            Object[] row = oneRow(f);
            assertEquals(ApiFirstClassLoader.class.getName(), row[0], "factory class comes from the plugin's class loader");
            assertEquals("plugin", row[1], "the context class loader is the plugin's during the call");
            assertEquals("good", rt.plugins().get(0).id());
            assertEquals("STARTED", rt.plugins().get(0).state());
        }
    }

    @Test
    void brokenPluginsAreReportedAndTheOthersStillWork() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.zip(plugins, "good", ">=0.1.0", Map.of("p.good.Factory", TestPlugins.providerSource("p.good", "good", TestPlugins.loaderRow())),
                true, List.of());
        TestPlugins.zip(plugins, "noindex", ">=0.1.0", Map.of("p.noindex.Factory",
                TestPlugins.providerSource("p.noindex", "noindex", TestPlugins.loaderRow())), false, List.of());
        TestPlugins.zip(plugins, "future", ">=9.0.0", Map.of("p.future.Factory",
                TestPlugins.providerSource("p.future", "future", TestPlugins.loaderRow())), true, List.of());
        Files.writeString(plugins.resolve("garbage.zip"), "this is not a zip file");
        try (PluginRuntime rt = PluginRuntime.start(List.of(plugins), List.of(), API)) {
            List<String> problems = rt.problems().stream().map(PluginProblem::toString).toList();
            assertEquals(List.of("good"), rt.extensions(QueryProviderFactory.class).stream().map(Extension::pluginId)
                    .filter(id -> !id.equals(PluginRuntime.CLASSPATH)).toList(), "a plugin without an index claims no extensions");
            assertTrue(problems.stream().anyMatch(p -> p.contains("noindex") && p.contains("extensions.idx")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("future") && p.contains(">=9.0.0") && p.contains("0.1.0")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("garbage")), problems.toString());
            assertTrue(factory(rt, "good").isPresent(), "the good plugin still loads");
            assertFalse(factory(rt, "future").isPresent(), "an incompatible plugin is not used");
            assertEquals("good", oneRow(factory(rt, "good").orElseThrow())[2].toString().replace("q", "good"));
        }
    }

    @Test
    void aPluginThatThrowsFailsOneCallNamingThePlugin() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.zip(plugins, "npe", ">=0.1.0", Map.of("p.npe.Factory", TestPlugins.providerSource("p.npe", "npe",
                "String text = null; text.length(); return null;")), true, List.of());
        try (PluginRuntime rt = PluginRuntime.start(List.of(plugins), List.of(), API)) {
            QueryProviderFactory f = factory(rt, "npe").orElseThrow();
            QueryProvider p = f.connect(PluginSettings.empty("t"));
            Hunt4jException e = assertThrows(Hunt4jException.class, () -> p.execute("q", QueryOptions.defaults()));
            assertTrue(e.getMessage().contains("plugin npe") && e.getMessage().contains("execute"), e.getMessage());
            assertEquals(NullPointerException.class, e.getCause().getClass());
        }
    }

    @Test
    void aPluginThatBundlesTheApiStillSharesTheHostsApiClasses() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path api = TestPlugins.apiJar();
        List<Path> extra = Files.isRegularFile(api) ? List.of(api) : List.of();
        TestPlugins.zip(plugins, "bundler", ">=0.1.0", Map.of("p.bundler.Factory",
                TestPlugins.providerSource("p.bundler", "bundler", TestPlugins.loaderRow())), true, extra);
        try (PluginRuntime rt = PluginRuntime.start(List.of(plugins), List.of(), API)) {
            // without the parent-first rule the factory would implement a different QueryProviderFactory and not be found
            assertTrue(factory(rt, "bundler").isPresent(), rt.problems().toString());
        }
    }

    @Test
    void aLibraryWithItsOwnEmptyIndexDoesNotHideThePluginsExtensions() throws Exception {
        Path lib = dir.resolve("aaa-library.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(lib))) {
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/extensions.idx"));
            out.closeEntry();
        }
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.zip(plugins, "withlib", ">=0.1.0", Map.of("p.withlib.Factory",
                TestPlugins.providerSource("p.withlib", "withlib", TestPlugins.loaderRow())), true, List.of(lib));
        try (PluginRuntime rt = PluginRuntime.start(List.of(plugins), List.of(), API)) {
            assertEquals(List.of(), rt.problems());
            assertTrue(factory(rt, "withlib").isPresent());
        }
    }

    @Test
    void aMissingPluginFolderIsAProblemNotAFailure() {
        try (PluginRuntime rt = PluginRuntime.start(List.of(dir.resolve("nope")), List.of(), API)) {
            assertTrue(rt.problems().get(0).message().contains("does not exist"));
        }
    }

    @Test
    void classpathExtensionsAreFoundInEmbeddedMode() {
        try (PluginRuntime rt = PluginRuntime.start(List.of(), List.of(), API)) {
            Extension<QueryProviderFactory> e = rt.extensions(QueryProviderFactory.class).stream()
                    .filter(x -> x.instance().type().equals("embedded-test")).findFirst().orElseThrow();
            assertEquals(PluginRuntime.CLASSPATH, e.pluginId());
        }
    }

    @Test
    void developmentModeLoadsPluginModulesFromTheirBuildFolders() throws Exception {
        Path root = Files.createDirectories(dir.resolve("modules"));
        Path zip = TestPlugins.zip(dir, "devplug", ">=0.1.0", Map.of("p.dev.Factory",
                TestPlugins.providerSource("p.dev", "devplug", TestPlugins.loaderRow())), true, List.of());
        // lay the plugin out as a built Maven module: plugin.properties at the root, jars in target/lib
        Path module = Files.createDirectories(root.resolve("devplug"));
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            Files.copy(z.getInputStream(z.getEntry("plugin.properties")), module.resolve("plugin.properties"));
            Files.createDirectories(module.resolve("target/lib"));
            Files.createDirectories(module.resolve("target/classes"));
            Files.copy(z.getInputStream(z.getEntry("lib/devplug.jar")), module.resolve("target/lib/devplug.jar"));
        }
        try (PluginRuntime rt = PluginRuntime.start(List.of(), List.of(root), API)) {
            assertEquals(List.of(), rt.problems());
            assertEquals(ApiFirstClassLoader.class.getName(), oneRow(factory(rt, "devplug").orElseThrow())[0]);
        }
    }
}
