package dev.hunt4j.runtime.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.enrich.TiResult;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's answers on disk, so a re-run does not spend quota: an append-only JSON-lines file
 * ({@code {"k": key, "at": epoch-millis, "r": result}} per line) read into memory when opened. Appending a line per
 * answer needs no database and survives a crash (a torn last line is skipped); the file is rewritten without
 * expired and superseded lines when they outnumber the live ones. Meant for one process at a time. Thread-safe.
 */
final class PersistentCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentCache.class);

    private record Entry(TiResult result, long at) {
    }

    private final Path file;
    private final long ttlMillis;
    private final Ticker ticker;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private Writer out;

    /**
     * @throws ConfigurationException when the folder cannot be created or the file cannot be written
     */
    PersistentCache(Path file, Duration ttl, Ticker ticker) {
        this.file = file;
        this.ttlMillis = ttl.toMillis();
        this.ticker = ticker;
        try {
            Files.createDirectories(file.getParent());
            int lines = Files.exists(file) ? load() : 0;
            if (lines > 1000 && lines > 2 * entries.size()) {
                compact();
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ConfigurationException("cannot use the persistent TI cache " + file + ": " + e.getMessage(), e);
        }
    }

    private int load() throws IOException {
        long now = ticker.currentTimeMillis();
        int lines = 0;
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                try {
                    JsonNode n = TiResultJson.MAPPER.readTree(line);
                    long at = n.path("at").asLong();
                    if (now - at < ttlMillis) {
                        entries.put(n.path("k").asText(), new Entry(TiResultJson.fromJson(n.path("r")), at));
                    } else {
                        entries.remove(n.path("k").asText());
                    }
                } catch (IOException | RuntimeException e) {
                    bad++; // a line torn by a crash, or edited by hand
                }
            }
        }
        if (bad > 0) {
            LOG.warn("skipped {} unreadable line(s) in the TI cache {}", bad, file);
        }
        return lines;
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                w.write(line(e.getKey(), e.getValue()));
                w.newLine();
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String line(String key, Entry e) {
        ObjectNode n = TiResultJson.MAPPER.createObjectNode();
        n.put("k", key);
        n.put("at", e.at());
        n.set("r", TiResultJson.toJson(e.result()));
        return n.toString();
    }

    /** The answer stored for {@code key}, or {@code null} when there is none younger than the TTL. */
    TiResult get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (ticker.currentTimeMillis() - e.at() >= ttlMillis) {
            entries.remove(key, e);
            return null;
        }
        return e.result();
    }

    /** Stores an answer and writes it through to the file. */
    void put(String key, TiResult result) {
        Entry e = new Entry(result, ticker.currentTimeMillis());
        entries.put(key, e);
        String text = line(key, e);
        synchronized (this) {
            if (out == null) {
                return;
            }
            try {
                out.write(text);
                out.write('\n');
                out.flush(); // one line per answer reaches the OS at once: a crash loses nothing already answered
            } catch (IOException ex) {
                LOG.warn("cannot write to the TI cache {}: {}; answers are kept in memory only", file, ex.getMessage());
                closeQuietly();
            }
        }
    }

    int size() {
        return entries.size();
    }

    Path file() {
        return file;
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        out = null;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            closeQuietly();
        }
    }
}
