package dev.hunt4j.provider.local;

import dev.hunt4j.api.QueryException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Finds the file(s) a query names in the data folders. Paths are relative and must stay inside a data
 * folder (so {@code data_paths} is the whole of what queries can read). A glob ({@code * ? [..] {..}}) is
 * allowed in the last path element only; the first folder with a match wins and its matches are read in
 * name order.
 */
final class FileResolver {
    private FileResolver() {
    }

    static List<Path> resolve(Ast.Query query, List<Path> folders) {
        String source = query.source();
        Path rel;
        try {
            rel = Path.of(source).normalize();
        } catch (InvalidPathException e) {
            throw new QueryException("invalid file name '" + source + "' at " + QueryParser.at(query.text(), query.sourcePos())
                    + ": " + e.getReason());
        }
        if (rel.isAbsolute() || source.startsWith("/") || source.startsWith("\\") || rel.startsWith("..")
                || rel.toString().isEmpty()) {
            throw new QueryException("the file '" + source + "' must be a path relative to the data folders, without '..'"
                    + " (data folders: " + folderList(folders) + ")");
        }
        Path parent = rel.getParent();
        String name = rel.getFileName().toString();
        if (parent != null && isGlob(parent.toString())) {
            throw new QueryException("wildcards are supported in the file name only, not in the folder part of '" + source + "'");
        }
        if (DataFile.formatOf(name) == null && !isGlob(name)) {
            throw new QueryException("unsupported file type: '" + source
                    + "' (expected .csv, .tsv, .json, .jsonl or .ndjson, each optionally .gz)");
        }
        List<Path> looked = new ArrayList<>();
        for (Path folder : folders) {
            Path candidate = folder.resolve(rel);
            looked.add(candidate);
            if (!isGlob(name)) {
                if (Files.isRegularFile(candidate)) {
                    return List.of(candidate);
                }
                continue;
            }
            Path dir = parent == null ? folder : folder.resolve(parent);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path f : ds) {
                    if (matcher.matches(f.getFileName()) && Files.isRegularFile(f) && DataFile.formatOf(f.getFileName().toString()) != null) {
                        matches.add(f);
                    }
                }
            } catch (IOException e) {
                throw new QueryException("cannot list folder " + dir + ": " + e, e);
            }
            if (!matches.isEmpty()) {
                matches.sort(null);
                return List.copyOf(matches);
            }
        }
        StringJoiner paths = new StringJoiner(", ");
        looked.forEach(p -> paths.add(p.toString()));
        throw new QueryException((isGlob(name) ? "no data file matches " : "file not found: ") + "'" + source
                + "' (looked for " + paths + "); searched data folders in order: " + folderList(folders));
    }

    private static String folderList(List<Path> folders) {
        StringJoiner j = new StringJoiner(", ");
        for (Path f : folders) {
            j.add(f + (Files.isDirectory(f) ? "" : " (does not exist)"));
        }
        return j.toString();
    }

    private static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }
}
