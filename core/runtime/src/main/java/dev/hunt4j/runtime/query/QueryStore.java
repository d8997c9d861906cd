package dev.hunt4j.runtime.query;

import dev.hunt4j.api.QueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.reader.UnicodeReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The queries hunt4j knows, read from query files in MSTICPy's YAML format (metadata / defaults / sources),
 * so existing MSTICPy query libraries work unchanged.
 *
 * <p>A query is found by its full name {@code family.name} (any of its data families) or by its plain name
 * when that is unambiguous. A query read later with the same full name and the same data environments
 * replaces the earlier one (as in MSTICPy); with other environments both are kept, and a lookup restricted to
 * environments picks the one for them. Thread-safe.
 */
public final class QueryStore {
    private static final Logger LOG = LoggerFactory.getLogger(QueryStore.class);
    private static final Comparator<QueryDefinition> BY_FULL_NAME = Comparator.comparing(QueryDefinition::fullName);

    private final List<QueryDefinition> queries = new ArrayList<>();
    private final List<String> loadErrors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** An empty store. */
    public QueryStore() {
    }

    /**
     * Adds the queries of one file.
     *
     * @throws QueryException naming the file (and the line) when the file cannot be read or is not a valid
     *                        query file; nothing of the file is added then
     */
    public void addFile(Path yamlFile) {
        Objects.requireNonNull(yamlFile, "yamlFile");
        try (InputStream in = Files.newInputStream(yamlFile)) {
            add(in, yamlFile.toString());
        } catch (IOException e) {
            throw new QueryException(yamlFile + ": cannot read the query file: " + e, e);
        }
    }

    /**
     * Adds every {@code *.yaml} and {@code *.yml} file under a folder (recursively, in name order). Files that
     * are not valid query files are skipped; their messages are in {@link #loadErrors()}.
     *
     * @throws QueryException when the folder does not exist or cannot be listed
     */
    public void addFolder(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new QueryException("query folder " + dir + " does not exist or is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(QueryStore::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new QueryException("cannot list query folder " + dir + ": " + e, e);
        }
        for (Path f : files) {
            try {
                addFile(f);
            } catch (QueryException e) {
                LOG.warn("skipped query file: {}", e.getMessage());
                synchronized (this) {
                    loadErrors.add(e.getMessage());
                }
            }
        }
    }

    /**
     * Adds a query file that a plugin ships (a class-path resource).
     *
     * @param origin who ships it, e.g. {@code plugin hunt4j-provider-local}; messages and
     *               {@link QueryDefinition#origin()} show it with the file name
     * @throws QueryException as {@link #addFile(Path)}
     */
    public void addUrl(URL url, String origin) {
        Objects.requireNonNull(url, "url");
        String path = url.getPath();
        String label = (origin == null || origin.isBlank() ? url.toString()
                : origin + " (" + path.substring(path.lastIndexOf('/') + 1) + ")");
        try (InputStream in = url.openStream()) {
            add(in, label);
        } catch (IOException e) {
            throw new QueryException(label + ": cannot read the query file: " + e, e);
        }
    }

    private void add(InputStream in, String origin) {
        // UnicodeReader honours a byte-order mark and otherwise reads UTF-8, as MSTICPy does
        Reader reader = new UnicodeReader(in);
        QueryFileReader.Result result = QueryFileReader.read(reader, origin);
        synchronized (this) {
            for (String w : result.warnings()) {
                LOG.warn("query file: {}", w);
                warnings.add(w);
            }
            for (QueryDefinition q : result.queries()) {
                Set<String> envs = lower(q.dataEnvironments());
                queries.removeIf(old -> old.fullName().equals(q.fullName()) && lower(old.dataEnvironments()).equals(envs));
                queries.add(q);
            }
        }
    }

    /** Messages for the files {@link #addFolder} skipped, each naming the file and, where it helps, the line. */
    public synchronized List<String> loadErrors() {
        return List.copyOf(loadErrors);
    }

    /**
     * Things in loaded files that MSTICPy's schema rejects but its reader accepts (descriptions of the wrong
     * length, a version that is not a number, empty defaults, duplicate keys). The queries were loaded.
     */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Every query, sorted by full name. */
    public synchronized List<QueryDefinition> all() {
        return queries.stream().sorted(BY_FULL_NAME).toList();
    }

    /**
     * The queries for any of these data environments (case-insensitive), sorted by full name; of queries with
     * the same full name only the one read last is listed. {@code null} means all environments.
     */
    public synchronized List<QueryDefinition> forEnvironments(Collection<String> dataEnvironments) {
        Map<String, QueryDefinition> latest = new LinkedHashMap<>();
        for (QueryDefinition q : queries) {
            if (matches(q, dataEnvironments)) {
                latest.put(q.fullName(), q);
            }
        }
        return latest.values().stream().sorted(BY_FULL_NAME).toList();
    }

    /**
     * A query by full name ({@code family.name}, any of its families) or by plain name when only one query
     * has it.
     *
     * @throws QueryException for an unknown name (with suggestions) or an ambiguous one (with the full names)
     */
    public QueryDefinition get(String name) {
        return get(name, null);
    }

    /**
     * As {@link #get(String)}, among the queries for these data environments ({@code null}: all).
     *
     * @throws QueryException for an unknown name (with suggestions) or an ambiguous one (with the full names)
     */
    public synchronized QueryDefinition get(String name, Collection<String> dataEnvironments) {
        Objects.requireNonNull(name, "name");
        List<QueryDefinition> pool = queries.stream().filter(q -> matches(q, dataEnvironments)).toList();
        String wanted = name.trim();
        List<Predicate<QueryDefinition>> tries = List.of(
                q -> q.qualifiedNames().contains(wanted),
                q -> q.name().equals(wanted),
                q -> q.qualifiedNames().stream().anyMatch(f -> f.endsWith("." + wanted)),
                q -> q.qualifiedNames().stream().anyMatch(f -> f.equalsIgnoreCase(wanted)),
                q -> q.name().equalsIgnoreCase(wanted));
        for (Predicate<QueryDefinition> t : tries) {
            List<QueryDefinition> found = pool.stream().filter(t).toList();
            if (found.isEmpty()) {
                continue;
            }
            Set<String> fullNames = found.stream().map(QueryDefinition::fullName).collect(Collectors.toCollection(java.util.TreeSet::new));
            if (fullNames.size() > 1) {
                throw new QueryException("query name '" + wanted + "' is ambiguous" + forWhat(dataEnvironments)
                        + "; use one of: " + String.join(", ", fullNames));
            }
            return found.get(found.size() - 1); // the one read last wins, as in MSTICPy
        }
        List<String> names = pool.stream().map(QueryDefinition::fullName).distinct().toList();
        List<String> close = Names.suggest(wanted, names, full -> List.of(full.substring(full.lastIndexOf('.') + 1)), 5);
        throw new QueryException("unknown query '" + wanted + "'" + forWhat(dataEnvironments)
                + (!close.isEmpty() ? "; did you mean: " + String.join(", ", close) + "?"
                : pool.isEmpty() ? "; no queries are loaded" + (dataEnvironments == null ? "" : " for them") : ""));
    }

    private static String forWhat(Collection<String> dataEnvironments) {
        return dataEnvironments == null ? "" : " for data environments " + String.join(", ", dataEnvironments);
    }

    private static boolean matches(QueryDefinition q, Collection<String> dataEnvironments) {
        if (dataEnvironments == null) {
            return true;
        }
        Set<String> wanted = lower(dataEnvironments);
        return q.dataEnvironments().stream().anyMatch(e -> wanted.contains(e.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> lower(Collection<String> values) {
        return values.stream().filter(Objects::nonNull).map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }
}
