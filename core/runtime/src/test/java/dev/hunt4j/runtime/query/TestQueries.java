package dev.hunt4j.runtime.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Access to the query files under src/test/resources/queries and a fixed clock. */
final class TestQueries {
    static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestQueries() {
    }

    static Path path(String relative) {
        return Path.of(toUri(url(relative)));
    }

    static URL url(String relative) {
        URL url = TestQueries.class.getResource("/queries/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no test resource queries/" + relative);
        }
        return url;
    }

    private static java.net.URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A query defined inline: the template plus parameters written {@code name:type} (required) or
     * {@code name:type=default} (default written as a YAML string). Family {@code Inline}, name {@code q}.
     */
    static QueryDefinition inline(String template, String... params) {
        StringBuilder yaml = new StringBuilder("""
                metadata:
                  version: 1
                  description: Inline test query
                  data_environments: [Test]
                  data_families: [Inline]
                sources:
                  q:
                    description: Inline test query
                    args:
                      query: |-
                """);
        for (String line : template.split("\n", -1)) {
            yaml.append("        ").append(line).append('\n');
        }
        yaml.append("    parameters:\n");
        for (String p : params) {
            String[] nameType = p.split(":", 2);
            String[] typeDefault = nameType[1].split("=", 2);
            yaml.append("      ").append(nameType[0]).append(":\n")
                    .append("        description: Parameter ").append(nameType[0]).append('\n')
                    .append("        type: ").append(typeDefault[0]).append('\n');
            if (typeDefault.length > 1) {
                yaml.append("        default: '").append(typeDefault[1].replace("'", "''")).append("'\n");
            }
        }
        try {
            Path dir = Files.createTempDirectory("hunt4j-query-test");
            Path file = Files.writeString(dir.resolve("inline.yaml"), yaml);
            QueryStore store = new QueryStore();
            store.addFile(file);
            Files.delete(file);
            Files.delete(dir);
            return store.get("Inline.q");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store with the given files. */
    static QueryStore store(String... files) {
        QueryStore store = new QueryStore();
        for (String f : files) {
            store.addFile(path(f));
        }
        return store;
    }
}
