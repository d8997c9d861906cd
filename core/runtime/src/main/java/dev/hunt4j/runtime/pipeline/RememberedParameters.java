package dev.hunt4j.runtime.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The parameter values last used for each investigation, one properties file per investigation
 * ({@code ~/.hunt4j/investigations/<name>.properties} from the command line), offered as the defaults of the next
 * run's prompts so a re-run does not retype the host or time range.
 */
public final class RememberedParameters {
    private final Path dir;

    /** Values kept in {@code dir}. */
    public RememberedParameters(Path dir) {
        this.dir = dir;
    }

    /** The file for an investigation. */
    public Path file(String investigation) {
        return dir.resolve(investigation.replaceAll("[^A-Za-z0-9._-]", "_") + ".properties");
    }

    /** The values last saved for an investigation; empty when there are none or the file cannot be read. */
    public Map<String, String> load(String investigation) {
        Path f = file(investigation);
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return out; // a damaged file only costs the suggestions
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** Saves values for an investigation (replacing what was saved), atomically. */
    public void save(String investigation, Map<String, String> values) {
        Properties p = new Properties();
        new TreeMap<>(values).forEach(p::setProperty);
        Path f = file(investigation);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".remember", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "hunt4j: parameter values last used for the investigation " + investigation);
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the parameter values to " + f + ": " + e.getMessage(), e);
        }
    }
}
