package dev.hunt4j.runtime.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin zips in tests: compiles Java source against the API and packs it the way plugin-parent does. */
final class TestPlugins {
    private TestPlugins() {
    }

    /** A provider factory source whose execute() answers one row naming the class loaders involved. */
    static String providerSource(String pkg, String type, String executeBody) {
        return """
                package %1$s;
                import dev.hunt4j.api.*;
                import dev.hunt4j.api.data.*;
                import dev.hunt4j.api.query.*;
                import java.util.List;
                @org.pf4j.Extension
                public class Factory implements QueryProviderFactory {
                    public String type() { return "%2$s"; }
                    public String description() { return "test provider %2$s"; }
                    public QueryLanguage language() { return QueryLanguages.FILES; }
                    public QueryProvider connect(PluginSettings s) {
                        return (query, options) -> { %3$s };
                    }
                }
                """.formatted(pkg, type, executeBody);
    }

    /** The standard body: one row with the factory's class loader and the context class loader during the call. */
    static String loaderRow() {
        return """
                return ResultStream.of(List.of(new Column("own", ColumnType.STRING), new Column("context", ColumnType.STRING),
                        new Column("query", ColumnType.STRING)),
                    List.<Object[]>of(new Object[] {getClass().getClassLoader().getClass().getName(),
                        Thread.currentThread().getContextClassLoader() == getClass().getClassLoader() ? "plugin" : "other", query}));
                """;
    }

    /**
     * Compiles {@code sources} (class name → source), runs PF4J's annotation processor unless {@code withIndex}
     * is false, and writes {@code dir/<id>.zip} with plugin.properties and lib/&lt;id&gt;.jar (+ extra jars).
     */
    static Path zip(Path dir, String id, String requires, Map<String, String> sources, boolean withIndex, List<Path> extraJars)
            throws IOException {
        Path work = Files.createTempDirectory(dir.getParent(), id + "-build");
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        if (!withIndex) {
            args.add("-proc:none");
        }
        args.addAll(files);
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test plugin " + id + " did not compile");
        }
        Path jar = work.resolve(id + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        Path zip = dir.resolve(id + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("plugin.properties"));
            out.write(("plugin.id=" + id + "\nplugin.version=1.0.0\nplugin.requires=" + requires
                    + "\nplugin.provider=tests\nplugin.description=test plugin " + id + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            addFile(out, "lib/" + id + ".jar", jar);
            for (Path extra : extraJars) {
                addFile(out, "lib/" + extra.getFileName(), extra);
            }
        }
        return zip;
    }

    private static void addFile(ZipOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
    }

    /** The hunt4j-api jar (or classes folder) the tests run with, for a plugin that wrongly bundles the API. */
    static Path apiJar() {
        try {
            return Path.of(dev.hunt4j.api.query.QueryProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
