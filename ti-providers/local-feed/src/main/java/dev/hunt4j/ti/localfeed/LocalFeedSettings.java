package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local feed's settings.
 *
 * @param paths           feed files, or folders whose feed files are read (by extension)
 * @param defaultSeverity the severity of entries whose feed gives none (default {@code warning})
 * @param iocColumn       the CSV column holding the indicator, or {@code null} to find it by name
 * @param mispIdsOnly     read only MISP attributes flagged {@code to_ids} (default true)
 * @param includeExpired  keep STIX indicators past their {@code valid_until} (default false)
 * @param reloadInterval  how often the files are checked for changes (default 1m; 0 never)
 * @param keyPath         where the settings are, for messages
 */
record LocalFeedSettings(List<Path> paths, Severity defaultSeverity, String iocColumn, boolean mispIdsOnly,
                         boolean includeExpired, Duration reloadInterval, String keyPath) {

    static final Map<String, String> KNOWN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("paths", "feed files or folders (CSV, TSV, text, STIX 2.1 JSON, MISP JSON); relative to the config file");
        m.put("default_severity", "severity of entries whose feed gives none: high, warning, information (default warning)");
        m.put("ioc_column", "the CSV column holding the indicator (default: Ioc, Observable, Indicator or Value)");
        m.put("misp_ids_only", "read only MISP attributes flagged to_ids (default true)");
        m.put("include_expired", "keep STIX indicators past their valid_until (default false)");
        m.put("reload_interval", "how often the files are checked for changes (default 1m; 0 never)");
        KNOWN = java.util.Collections.unmodifiableMap(m);
    }

    static LocalFeedSettings from(PluginSettings s) {
        List<Path> paths = s.pathList("paths");
        if (paths.isEmpty()) {
            throw new ConfigurationException("setting '" + s.keyPath() + ".paths' is required: the IoC feed files or folders to read");
        }
        String sev = s.string("default_severity").orElse("warning");
        Severity severity = Values.severity(sev, null);
        if (severity == null) {
            throw new ConfigurationException("setting '" + s.keyPath() + ".default_severity' must be high, warning, information "
                    + "or unknown, got '" + sev + "'");
        }
        Duration reload = s.duration("reload_interval", Duration.ofMinutes(1));
        if (reload.isNegative()) {
            throw new ConfigurationException("setting '" + s.keyPath() + ".reload_interval' must not be negative");
        }
        return new LocalFeedSettings(paths, severity, s.string("ioc_column").orElse(null), s.bool("misp_ids_only", true),
                s.bool("include_expired", false), reload, s.keyPath());
    }
}
