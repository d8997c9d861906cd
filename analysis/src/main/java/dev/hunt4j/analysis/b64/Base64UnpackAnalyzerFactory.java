package dev.hunt4j.analysis.b64;

import dev.hunt4j.analysis.AnalyzerOptions;
import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code b64-unpack} analyzer: {@link Base64Unpacker} over one text column. */
@Extension
public final class Base64UnpackAnalyzerFactory implements AnalyzerFactory {
    private static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("column", "the text column to decode (required)");
        o.put("max_depth", "decode/unpack levels (default " + Base64Unpacker.DEFAULT_LIMITS.maxDepth() + ")");
        o.put("max_total_bytes", "bytes decoded per cell, all levels together (default " + Base64Unpacker.DEFAULT_LIMITS.maxTotalBytes() + ")");
        o.put("max_entries", "files per archive (default " + Base64Unpacker.DEFAULT_LIMITS.maxEntries() + ")");
        o.put("max_entry_bytes", "size of one archive entry (default " + Base64Unpacker.DEFAULT_LIMITS.maxEntryBytes() + ")");
        o.put("min_length", "shortest base64 run, in characters (default " + Base64Unpacker.DEFAULT_LIMITS.minLength() + ")");
        o.put("extract_iocs", "add an iocs column with the indicators in each decoded text (default false)");
        OPTIONS = Collections.unmodifiableMap(o);
    }

    @Override
    public String name() {
        return "b64-unpack";
    }

    @Override
    public String description() {
        return "Finds base64 in a text column and decodes it recursively (base64, gzip, zip, tar, deflate, UTF-16 text).";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    @Override
    public Analyzer create(Map<String, String> options) {
        Map<String, String> opts = AnalyzerOptions.checked("b64-unpack", OPTIONS, options);
        String column = opts.get("column");
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("option 'column' is required for b64-unpack");
        }
        Base64Unpacker.Builder b = Base64Unpacker.builder();
        if (opts.containsKey("max_depth")) {
            b.maxDepth((int) number(opts, "max_depth"));
        }
        if (opts.containsKey("max_total_bytes")) {
            b.maxTotalBytes(number(opts, "max_total_bytes"));
        }
        if (opts.containsKey("max_entries")) {
            b.maxEntries((int) number(opts, "max_entries"));
        }
        if (opts.containsKey("max_entry_bytes")) {
            b.maxEntryBytes(number(opts, "max_entry_bytes"));
        }
        if (opts.containsKey("min_length")) {
            b.minLength((int) number(opts, "min_length"));
        }
        String iocs = opts.getOrDefault("extract_iocs", "false").trim().toLowerCase(Locale.ROOT);
        switch (iocs) {
            case "true", "yes", "1" -> b.extractIocs(IocExtractor.defaults());
            case "false", "no", "0", "" -> {
            }
            default -> throw new IllegalArgumentException("option 'extract_iocs' must be true or false, got '" + iocs + "'");
        }
        Base64Unpacker unpacker;
        try {
            unpacker = b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("b64-unpack: " + e.getMessage(), e);
        }
        String col = column.trim();
        return input -> unpacker.unpack(input, col);
    }

    private static long number(Map<String, String> opts, String key) {
        String v = opts.get(key);
        try {
            long n = Long.parseLong(v.trim());
            if (n > Integer.MAX_VALUE && !key.equals("max_total_bytes") && !key.equals("max_entry_bytes")) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a whole number, got '" + v + "'");
        }
    }
}
