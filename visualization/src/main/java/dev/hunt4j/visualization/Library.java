package dev.hunt4j.visualization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JavaScript libraries the pages inline, read from the minified files the build copied out of their WebJars
 * (into {@code dev/hunt4j/visualization/webjars/}, with each WebJar's {@code pom.properties}, which gives the
 * version, so the root POM is the one place a version is set).
 */
enum Library {
    /** Apache ECharts' "common" build (line, bar, scatter, tooltip, legend, dataZoom, markLine): canvas charts. */
    ECHARTS("ECharts", "Apache-2.0", "org.webjars", "echarts", List.of("echarts.common.min.js"), List.of()),
    /** d3 (SVG, scales, force layout, zoom). */
    D3("d3", "ISC", "org.webjars.npm", "d3", List.of("dist/d3.min.js"), List.of()),
    /** Prism with the languages the code view knows and the keep-markup plugin (keeps the IoC marks). */
    PRISM("Prism", "MIT", "org.webjars.npm", "prismjs",
            List.of("components/prism-core.min.js", "components/prism-clike.min.js", "components/prism-javascript.min.js",
                    "components/prism-bash.min.js", "components/prism-batch.min.js", "components/prism-powershell.min.js",
                    "components/prism-python.min.js", "components/prism-visual-basic.min.js",
                    "plugins/keep-markup/prism-keep-markup.min.js"),
            List.of("themes/prism.min.css"));

    private static final String ROOT = "/dev/hunt4j/visualization/webjars/META-INF/";
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private final String title;
    private final String license;
    private final String groupId;
    private final String artifactId;
    private final List<String> scripts;
    private final List<String> styles;

    Library(String title, String license, String groupId, String artifactId, List<String> scripts, List<String> styles) {
        this.title = title;
        this.license = license;
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.scripts = scripts;
        this.styles = styles;
    }

    /** Display name and version, e.g. {@code ECharts 5.5.0 (Apache-2.0)}. */
    String credit() {
        return title + " " + version() + " (" + license + ")";
    }

    /** The WebJar's version. */
    String version() {
        return CACHE.computeIfAbsent(name() + ":version", k -> {
            Properties p = new Properties();
            try (InputStream in = open(ROOT + "maven/" + groupId + "/" + artifactId + "/pom.properties")) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.getProperty("version");
        });
    }

    /** The library's JavaScript, files joined in load order. */
    String script() {
        return CACHE.computeIfAbsent(name() + ":js", k -> join(scripts));
    }

    /** The library's CSS (may be empty). */
    String style() {
        return CACHE.computeIfAbsent(name() + ":css", k -> join(styles));
    }

    private String join(List<String> files) {
        StringBuilder sb = new StringBuilder();
        for (String f : files) {
            sb.append(read(ROOT + "resources/webjars/" + artifactId + "/" + version() + "/" + f)).append('\n');
        }
        String text = sb.toString();
        // inlined text must not end its <script> or <style> element early; checked, since no file has it today
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")) {
            throw new IllegalStateException(title + " contains text that cannot be inlined in an HTML element");
        }
        return text;
    }

    static String read(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = Library.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource " + resource + " is missing from hunt4j-visualization's jar");
        }
        return in;
    }
}
