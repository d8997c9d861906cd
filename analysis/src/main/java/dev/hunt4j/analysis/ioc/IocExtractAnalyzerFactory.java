package dev.hunt4j.analysis.ioc;

import dev.hunt4j.analysis.AnalyzerOptions;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code ioc-extract} analyzer: {@link IocExtractor} over table columns. */
@Extension
public final class IocExtractAnalyzerFactory implements AnalyzerFactory {
    private static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("columns", "comma-separated columns to search (required)");
        o.put("types", "comma-separated IoC types, e.g. ipv4,dns,url,md5_hash (default: all but paths)");
        o.put("include_paths", "also find windows_path and linux_path (default false; ignored when types is set)");
        o.put("include_hosts", "also report the hosts of URLs and the domains of e-mail addresses as dns/ip (default false)");
        o.put("keep_defanged", "report defanged observables as written instead of refanged (default false)");
        o.put("parallelism", "worker threads (default: available processors)");
        OPTIONS = java.util.Collections.unmodifiableMap(o);
    }

    @Override
    public String name() {
        return "ioc-extract";
    }

    @Override
    public String description() {
        return "Finds IPs, domains, URLs, e-mail addresses, hashes and paths in text columns (refangs defanged ones).";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    @Override
    public Analyzer create(Map<String, String> options) {
        Map<String, String> opts = AnalyzerOptions.checked("ioc-extract", OPTIONS, options);
        String cols = opts.get("columns");
        if (cols == null || cols.isBlank()) {
            throw new IllegalArgumentException("option 'columns' is required for ioc-extract (comma-separated column names)");
        }
        List<String> columns = Arrays.stream(cols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        IocExtractor.Builder b = IocExtractor.builder()
                .types(IocExtractor.parseTypes(opts.get("types")))
                .includePaths(bool(opts, "include_paths"))
                .includeHostsOfUrlsAndEmails(bool(opts, "include_hosts"))
                .keepDefanged(bool(opts, "keep_defanged"));
        String par = opts.get("parallelism");
        if (par != null) {
            try {
                b.parallelism(Integer.parseInt(par.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option 'parallelism' must be a whole number, got '" + par + "'");
            }
        }
        IocExtractor extractor = b.build();
        return input -> extractor.extract(input, columns);
    }

    static boolean bool(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0", "" -> false;
            default -> throw new IllegalArgumentException("option '" + key + "' must be true or false, got '" + v + "'");
        };
    }
}
