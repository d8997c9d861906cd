package dev.hunt4j.analysis.proctree;

import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The {@code proctree} analyzer: process trees from process-creation events ({@link ProcessTree}). Besides its own
 * options it takes any schema field (process_name, process_id, parent_id, time_stamp, parent_name, host_name_column,
 * ...) to rename a column of the chosen schema.
 */
@Extension
public final class ProcessTreeAnalyzerFactory implements AnalyzerFactory {
    private static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("schema", "auto (default: inferred from the columns), windows-4688, sysmon, mde, mde-internal, linux-auditd or osquery");
        o.put("schema_file", "a YAML file mapping schema fields to columns (MSTICPy's ProcSchema names; 'schema: NAME' to start from a built-in one)");
        o.put("result", "tree (default: input + proc_key,parent_key,path,IsRoot,IsLeaf,IsBranch,depth,source_index), summary or text");
        o.put("wrap", "text result: wrap lines at this width (default 80, 0: no wrapping)");
        o.put("<schema field>", "e.g. process_id=Pid: use this column for the field");
        OPTIONS = Collections.unmodifiableMap(o);
    }

    @Override
    public String name() {
        return "proctree";
    }

    @Override
    public String description() {
        return "Builds process trees (parent/child links, synthetic roots for missing parents) from Windows, Sysmon, Defender, auditd or osquery process events.";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    @Override
    public Analyzer create(Map<String, String> options) {
        Map<String, String> o = options == null ? Map.of() : options;
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : o.entrySet()) {
            String k = e.getKey();
            if (!OPTIONS.containsKey(k)) {
                fields.put(k, e.getValue());
            }
        }
        ProcSchema base = schema(o.get("schema"), o.get("schema_file"));
        ProcSchema schema = base;
        if (!fields.isEmpty()) {
            try {
                schema = base != null ? overlay(base, fields) : ProcSchema.fromMap(new LinkedHashMap<>(fields));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("proctree: " + e.getMessage() + "; options are " + OPTIONS.keySet());
            }
        }
        String result = o.getOrDefault("result", "tree").trim().toLowerCase(Locale.ROOT);
        if (!List.of("tree", "summary", "text").contains(result)) {
            throw new IllegalArgumentException("option 'result' must be tree, summary or text, got '" + o.get("result") + "'");
        }
        int wrap = parseInt(o.getOrDefault("wrap", "80"), "wrap");
        ProcSchema s = schema;
        return input -> {
            ProcessTree tree = ProcessTree.build(input, s);
            return switch (result) {
                case "summary" -> tree.summaryStream();
                case "text" -> textStream(tree.toText(wrap));
                default -> tree.toResultStream();
            };
        };
    }

    private static ProcSchema overlay(ProcSchema base, Map<String, String> fields) {
        Map<String, Object> m = new LinkedHashMap<>(base.fields());
        m.putAll(fields);
        m.put("name", base.name());
        return ProcSchema.fromMap(m);
    }

    /** Resolves the schema options: null for auto. */
    static ProcSchema schema(String name, String file) {
        if (file != null && !file.isBlank()) {
            try {
                return ProcSchema.fromYaml(Path.of(file.trim()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read process schema file " + file + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("process schema file " + file + ": " + e.getMessage(), e);
            }
        }
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        return ProcSchema.named(name);
    }

    private static int parseInt(String v, String key) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a whole number, got '" + v + "'");
        }
    }

    private static ResultStream textStream(String text) {
        List<Object[]> rows = new ArrayList<>();
        text.lines().forEach(l -> rows.add(new Object[] {l}));
        return ResultStream.of(List.of(new Column("line", ColumnType.STRING)), rows);
    }
}
