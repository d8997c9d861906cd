package dev.hunt4j.provider.local;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated settings of one local-files provider instance.
 *
 * @param dataPaths       absolute folders searched in order for the file a query names
 * @param timeColumn      the column the time range applies to; empty for auto-detection
 * @param sampleRows      rows read ahead to infer column types (and the most rows ever buffered)
 * @param nullOnTypeError whether a value that does not fit its column type becomes null (else the query fails)
 * @param keyPath         where the settings live in the config, for messages
 */
record LocalSettings(List<Path> dataPaths, Optional<String> timeColumn, int sampleRows, boolean nullOnTypeError,
                     String keyPath) {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSettings.class);
    static final int DEFAULT_SAMPLE_ROWS = 1000;
    static final int MAX_SAMPLE_ROWS = 1_000_000;
    private static final Set<String> KNOWN = Set.of("data_paths", "time_column", "sample_rows", "on_type_error",
            "type", "description");

    static LocalSettings from(PluginSettings settings) {
        String kp = settings.keyPath();
        for (String key : settings.settings().keySet()) {
            if (!KNOWN.contains(key)) {
                LOG.warn("ignoring unknown setting '{}.{}' (known: data_paths, time_column, sample_rows, on_type_error)", kp, key);
            }
        }
        List<Path> paths = settings.pathList("data_paths").stream().map(p -> p.toAbsolutePath().normalize()).toList();
        if (paths.isEmpty()) {
            paths = List.of(Path.of("").toAbsolutePath());
        }
        for (Path p : paths) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ConfigurationException("setting '" + kp + ".data_paths' must list folders, but " + p + " is a file");
            }
            if (!Files.isDirectory(p)) {
                LOG.warn("data folder {} (setting '{}.data_paths') does not exist (yet)", p, kp);
            }
        }
        Optional<String> timeColumn = settings.string("time_column").map(String::trim).filter(s -> !s.isEmpty());
        long sample = settings.longValue("sample_rows", DEFAULT_SAMPLE_ROWS);
        if (sample < 1 || sample > MAX_SAMPLE_ROWS) {
            throw new ConfigurationException("setting '" + kp + ".sample_rows' must be between 1 and " + MAX_SAMPLE_ROWS
                    + ", got " + sample);
        }
        String onError = settings.string("on_type_error").orElse("fail").trim().toLowerCase(Locale.ROOT);
        if (!onError.equals("fail") && !onError.equals("null")) {
            throw new ConfigurationException("setting '" + kp + ".on_type_error' must be 'fail' or 'null', got '"
                    + onError + "'");
        }
        return new LocalSettings(List.copyOf(paths), timeColumn, (int) sample, onError.equals("null"), kp);
    }
}
