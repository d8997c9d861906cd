package dev.hunt4j.provider.local;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes test files and runs queries over them. */
final class Fixture {
    private Fixture() {
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeGzip(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PluginSettings settings(Path dir) {
        return new PluginSettings("local", "providers.local", Map.of("data_paths", List.of(dir.toString())), null);
    }

    static QueryProvider provider(Path dir) {
        return new LocalFilesProviderFactory().connect(settings(dir));
    }

    static List<Object[]> rows(QueryProvider p, String query) {
        return rows(p, query, QueryOptions.defaults());
    }

    static List<Object[]> rows(QueryProvider p, String query, QueryOptions options) {
        try (ResultStream rs = p.execute(query, options)) {
            return rs.toList();
        }
    }

    /** The values of the first column. */
    static List<Object> first(QueryProvider p, String query) {
        return first(p, query, QueryOptions.defaults());
    }

    /** The values of the first column. */
    static List<Object> first(QueryProvider p, String query, QueryOptions options) {
        List<Object> out = new ArrayList<>();
        for (Object[] r : rows(p, query, options)) {
            out.add(r[0]);
        }
        return out;
    }
}
