package dev.hunt4j.provider.local;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.ColumnType;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open data file: its column names, the types inferred from its first rows, and its raw rows in
 * file order. Only the sample rows are ever buffered; after them rows stream straight from the reader.
 */
final class DataFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DataFile.class);
    private static final int IO_BUFFER = 1 << 16;
    // files open right now across all streams; the TCK checks that close() gives them back
    private static final AtomicInteger OPEN = new AtomicInteger();

    /** File formats, chosen by extension (after a {@code .gz}) and, for {@code .json}, by the first character. */
    enum Format {
        CSV, TSV, JSON_LINES, JSON_ARRAY
    }

    private final Path path;
    private final String display;
    private final Format format;
    private final CsvReader csv;
    private final JsonReader json;
    private final List<String> names;
    private final List<ColumnType> types;
    private final Map<String, Integer> jsonIndex;
    private final int sampled;
    private Object[][] sample;
    private long[] sampleLines;
    private int samplePos;
    private long line;
    private boolean closed;
    private Set<String> ignoredKeys;

    /** How many files are open right now (all providers in this class loader). */
    static int openFiles() {
        return OPEN.get();
    }

    /** The format {@code fileName} has by its extension, or {@code null}; {@code .json} reports JSON_ARRAY until sniffed. */
    static Format formatOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".csv")) {
            return Format.CSV;
        }
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return Format.TSV;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".jsonlines")) {
            return Format.JSON_LINES;
        }
        if (n.endsWith(".json")) {
            return Format.JSON_ARRAY;
        }
        return null;
    }

    /**
     * Opens {@code path}, reads its header and up to {@code sampleRows} rows, and infers the column types.
     *
     * @throws QueryException when the file cannot be read or is malformed (naming the file and line)
     */
    static DataFile open(Path path, int sampleRows) {
        Format byName = formatOf(path.getFileName().toString());
        if (byName == null) {
            throw new QueryException("unsupported file type: " + path
                    + " (expected .csv, .tsv, .json, .jsonl or .ndjson, each optionally .gz)");
        }
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw new QueryException("cannot open " + path + ": " + e, e);
        }
        OPEN.incrementAndGet();
        try {
            return new DataFile(path, byName, in, sampleRows);
        } catch (RuntimeException | IOException e) {
            OPEN.decrementAndGet();
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof QueryException q) {
                throw q;
            }
            throw new QueryException("cannot read " + path + ": " + e, e);
        }
    }

    private DataFile(Path path, Format byName, InputStream raw, int sampleRows) throws IOException {
        this.path = path;
        this.display = path.toString();
        InputStream in = new BufferedInputStream(raw, IO_BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, IO_BUFFER), IO_BUFFER);
        }
        this.format = byName == Format.JSON_ARRAY ? sniffJson(in) : byName;
        Object[][] rows = new Object[Math.min(sampleRows, 1024)][];
        long[] lines = new long[rows.length];
        int count = 0;
        if (format == Format.CSV || format == Format.TSV) {
            json = null;
            jsonIndex = null;
            csv = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8), format == Format.TSV ? '\t' : ',', display);
            String[] header = csv.next();
            names = header == null ? List.of() : headerNames(header);
            while (count < sampleRows) {
                Object[] row = nextCsv();
                if (row == null) {
                    break;
                }
                if (count == rows.length) {
                    rows = Arrays.copyOf(rows, Math.min(sampleRows, rows.length * 2));
                    lines = Arrays.copyOf(lines, rows.length);
                }
                lines[count] = csv.recordLine();
                rows[count++] = row;
            }
        } else {
            csv = null;
            json = new JsonReader(in, format == Format.JSON_ARRAY, display);
            List<Map<String, Object>> maps = new ArrayList<>();
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            while (count < sampleRows) {
                Map<String, Object> m = new LinkedHashMap<>();
                if (!json.next(m)) {
                    break;
                }
                seen.addAll(m.keySet());
                maps.add(m);
                if (count == lines.length) {
                    lines = Arrays.copyOf(lines, Math.min(sampleRows, lines.length * 2));
                }
                lines[count++] = json.recordLine();
            }
            names = List.copyOf(seen);
            jsonIndex = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                jsonIndex.put(names.get(i), i);
            }
            rows = new Object[count][];
            for (int r = 0; r < count; r++) {
                Object[] row = new Object[names.size()];
                for (Map.Entry<String, Object> e : maps.get(r).entrySet()) {
                    row[jsonIndex.get(e.getKey())] = e.getValue();
                }
                rows[r] = row;
            }
        }
        boolean textual = csv != null;
        Values.Guess[] guesses = new Values.Guess[names.size()];
        for (int c = 0; c < guesses.length; c++) {
            guesses[c] = new Values.Guess();
            for (int r = 0; r < count; r++) {
                guesses[c].offer(rows[r][c], textual);
            }
        }
        List<ColumnType> t = new ArrayList<>();
        for (Values.Guess g : guesses) {
            t.add(g.type());
        }
        this.types = List.copyOf(t);
        this.sample = rows;
        this.sampleLines = lines;
        this.sampled = count;
    }

    /** Whether a {@code .json} file holds an array (first non-blank character {@code [}) or JSON lines. */
    private static Format sniffJson(InputStream in) throws IOException {
        in.mark(IO_BUFFER);
        try {
            for (int i = 0; i < IO_BUFFER; i++) {
                int b = in.read();
                if (b < 0) {
                    return Format.JSON_ARRAY;
                }
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) {
                    continue;
                }
                return b == '[' ? Format.JSON_ARRAY : Format.JSON_LINES;
            }
            return Format.JSON_ARRAY;
        } finally {
            in.reset();
        }
    }

    /**
     * Header names: an empty first name is pandas' unnamed index column and becomes {@code index}; other empty
     * names become {@code Unnamed_<n>} (0-based position, as pandas says "Unnamed: n"); repeated names get
     * {@code .1}, {@code .2} like pandas.
     */
    private static List<String> headerNames(String[] header) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Set<String> given = new HashSet<>();
        for (String h : header) {
            if (h != null) {
                given.add(h);
            }
        }
        for (int i = 0; i < header.length; i++) {
            String name = header[i];
            if (name == null || name.isBlank()) {
                name = i == 0 && !given.contains("index") ? "index" : "Unnamed_" + i;
            }
            String unique = name;
            for (int k = 1; used.contains(unique); k++) {
                unique = name + "." + k;
            }
            used.add(unique);
            out.add(unique);
        }
        return List.copyOf(out);
    }

    private Object[] nextCsv() throws IOException {
        String[] f = csv.next();
        if (f == null) {
            return null;
        }
        int width = names.size();
        if (f.length == width) {
            return f;
        }
        if (f.length > width) {
            // extra fields that are all empty (a trailing comma) lose nothing; anything else is a broken row
            for (int i = width; i < f.length; i++) {
                if (f[i] != null) {
                    throw new QueryException("malformed CSV in " + display + " line " + csv.recordLine() + ": "
                            + f.length + " fields but the header has " + width);
                }
            }
        }
        return Arrays.copyOf(f, width, Object[].class);
    }

    Path path() {
        return path;
    }

    Format format() {
        return format;
    }

    /** Column names in file order. */
    List<String> names() {
        return names;
    }

    /** The types inferred from the sampled rows, aligned with {@link #names()}. */
    List<ColumnType> types() {
        return types;
    }

    /** How many rows were read ahead to infer types (never more than the configured sample size). */
    int sampledRows() {
        return sampled;
    }

    /** Rows held in memory right now: the unread part of the sample, 0 once it has been handed out. */
    int bufferedRows() {
        return sample == null ? 0 : sampled - samplePos;
    }

    /** The line on which the row last returned by {@link #next()} starts. */
    long line() {
        return line;
    }

    /** The next raw row in file order ({@link Values} raw values), or {@code null} at the end. */
    Object[] next() {
        if (closed) {
            return null;
        }
        if (sample != null) {
            if (samplePos < sampled) {
                line = sampleLines[samplePos];
                Object[] row = sample[samplePos];
                sample[samplePos++] = null;
                return row;
            }
            sample = null; // the sample is handed out: from here on nothing is buffered
            sampleLines = null;
        }
        try {
            if (csv != null) {
                Object[] row = nextCsv();
                line = csv.recordLine();
                return row;
            }
            Object[] row = new Object[names.size()];
            boolean any = json.next((name, value) -> {
                Integer i = jsonIndex.get(name);
                if (i != null) {
                    row[i] = value;
                } else if (ignoredKeys == null || ignoredKeys.size() < 20) {
                    if (ignoredKeys == null) {
                        ignoredKeys = new LinkedHashSet<>();
                    }
                    ignoredKeys.add(name);
                }
            });
            line = json.recordLine();
            return any ? row : null;
        } catch (IOException e) {
            throw new QueryException("cannot read " + display + " near line " + line + ": " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sample = null;
        OPEN.decrementAndGet();
        if (ignoredKeys != null) {
            LOG.warn("{}: keys that first appear after the {} sampled rows are not columns and were ignored: {}",
                    display, sampled, ignoredKeys);
        }
        try {
            if (csv != null) {
                csv.close();
            } else {
                json.close();
            }
        } catch (IOException e) {
            LOG.debug("closing {} failed", display, e);
        }
    }
}
