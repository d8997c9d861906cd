package dev.hunt4j.runtime.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The kinds of pipeline step, with the keys each takes and how many input tables it reads. */
public enum StepType {
    /** Runs a named query from the query store, or query text, on a provider. */
    QUERY("query", 0, 0, true, Set.of("query", "text", "provider", "params", "time_range", "limit", "timeout", "foreach")),
    /** Finds indicators (IPs, domains, URLs, hashes, ...) in columns of one or more tables ({@code ioc-extract}). */
    EXTRACT_IOCS("extract-iocs", 0, Integer.MAX_VALUE, true,
            Set.of("columns", "types", "include_paths", "include_hosts", "distinct", "text")),
    /** Looks the observables of a column up at the threat-intelligence providers. */
    ENRICH("enrich", 1, 1, true, Set.of("column", "type_column", "providers", "include_raw", "show_invalid", "summary")),
    /** Runs any analyzer over a table. */
    ANALYZE("analyze", 1, 1, true, Set.of("analyzer", "options")),
    /** Masks (pseudonymises) a table with the {@code mask} analyzer. */
    MASK("mask", 1, 1, true, Set.of("options")),
    /** Keeps the rows matching a condition; also picks columns, sorts, limits, removes duplicates, slices process trees. */
    FILTER("filter", 1, 1, true, Set.of("where", "columns", "sort", "limit", "distinct", "tree", "name_column")),
    /** Joins two tables on key columns (inner or left). */
    JOIN("join", 2, 2, true, Set.of("on", "how")),
    /** Groups rows and counts, counts distinct values, sums, takes minimums, maximums and value lists. */
    AGGREGATE("aggregate", 1, 1, true, Set.of("by", "count", "count_distinct", "min", "max", "sum", "values", "sort")),
    /** Stacks tables with the same or overlapping columns. */
    UNION("union", 2, Integer.MAX_VALUE, true, Set.of()),
    /** Renders tables with a renderer (timeline, proctree, ti, code, matrix, graph, ...) into the report. */
    RENDER("render", 1, Integer.MAX_VALUE, false, Set.of("renderer", "options", "height"));

    /** Keys every step may have. */
    public static final Set<String> COMMON_KEYS = Set.of("type", "id", "title", "description", "input", "output", "when",
            "on_error", "report", "rows", "finding");

    private final String id;
    private final int minInputs;
    private final int maxInputs;
    private final boolean producesTable;
    private final Set<String> keys;

    StepType(String id, int minInputs, int maxInputs, boolean producesTable, Set<String> keys) {
        this.id = id;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.producesTable = producesTable;
        this.keys = keys;
    }

    /** The name written in {@code type:}. */
    public String id() {
        return id;
    }

    public int minInputs() {
        return minInputs;
    }

    public int maxInputs() {
        return maxInputs;
    }

    /** Whether the step writes an {@code output} table (all but render). */
    public boolean producesTable() {
        return producesTable;
    }

    /** The step's own keys, besides {@link #COMMON_KEYS}. */
    public Set<String> keys() {
        return keys;
    }

    /** The type called {@code id}, or null. */
    public static StepType of(String id) {
        for (StepType t : values()) {
            if (t.id.equalsIgnoreCase(id.trim()) || t.name().equalsIgnoreCase(id.trim())) {
                return t;
            }
        }
        return null;
    }

    /** Every type name. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(StepType::id).toList();
    }
}
