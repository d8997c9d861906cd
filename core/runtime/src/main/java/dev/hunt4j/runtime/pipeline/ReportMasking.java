package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks a report for sharing with the {@code mask} analyzer: every table (sections, findings, the tables renderers
 * draw) and the parameter values shown (host names in titles, ...). One analyzer instance, so one key, masks it all:
 * the same value has the same mask everywhere in the report, and tables still join by eye. Parameter values are
 * masked as the analyzer's {@code auto} type (by shape), which gives a host name the same mask as in a
 * {@code Computer} column.
 */
public final class ReportMasking {
    /** The column name parameter values are masked under (mapped to {@code auto}). */
    static final String VALUE_COLUMN = "hunt4j_report_value";

    private final Analyzer analyzer;
    private final boolean masksValues;
    private final Map<DataTable, DataTable> cache = new IdentityHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private ReportMasking(Analyzer analyzer, boolean masksValues) {
        this.analyzer = analyzer;
        this.masksValues = masksValues;
    }

    /**
     * Masking with the {@code mask} analyzer.
     *
     * @param factory the mask analyzer's factory ({@code PipelineRunner.analyzers().get("mask")})
     * @param options its options ({@code key}, {@code passphrase}, {@code map}); without a key a random one is used
     * @throws ConfigurationException when there is no mask analyzer
     */
    public static ReportMasking create(AnalyzerFactory factory, Map<String, String> options) {
        if (factory == null) {
            throw new ConfigurationException("masking needs the mask analyzer (the hunt4j-analysis module), which is not loaded");
        }
        Map<String, String> opts = new LinkedHashMap<>(options);
        boolean values = !opts.containsKey("map");
        Path map = null;
        try {
            if (values) {
                // a one-entry column map on top of the defaults, so parameter values can go through the same masker
                map = Files.createTempFile("hunt4j-report-mask", ".yaml");
                Files.writeString(map, VALUE_COLUMN + ": auto\n", StandardCharsets.UTF_8);
                opts.put("map", map.toString());
            }
            return new ReportMasking(factory.create(opts), values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary column map: " + e.getMessage(), e);
        } finally {
            if (map != null) {
                try {
                    Files.deleteIfExists(map);
                } catch (IOException e) {
                    // a temp file of one line; the OS cleans it up
                }
            }
        }
    }

    /** The table masked (each table object is masked once). */
    public synchronized DataTable table(DataTable t) {
        if (t == null) {
            return null;
        }
        return cache.computeIfAbsent(t, x -> {
            try (ResultStream out = analyzer.analyze(x.stream())) {
                return DataTable.read(x.name(), out);
            }
        });
    }

    /** A parameter value masked by its shape; {@code (masked)} when a custom column map is in use. */
    public synchronized String value(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (!masksValues) {
            return "(masked)";
        }
        return values.computeIfAbsent(text, v -> {
            List<Object[]> rows = new java.util.ArrayList<>();
            rows.add(new Object[] {v});
            try (ResultStream out = analyzer.analyze(ResultStream.of(List.of(new Column(VALUE_COLUMN, ColumnType.STRING)), rows))) {
                Object[] r = out.next();
                return r == null || r[0] == null ? v : r[0].toString();
            }
        });
    }
}
