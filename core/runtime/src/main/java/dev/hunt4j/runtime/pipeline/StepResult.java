package dev.hunt4j.runtime.pipeline;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step did: its status, its table (or view), what it ran (provider, query text, analyzer...), warnings and
 * findings.
 */
public final class StepResult {
    /** How a step ended. */
    public enum Status {
        /** It ran. */
        OK,
        /** Its condition was false, or an input was not produced. */
        SKIPPED,
        /** It failed and its {@code on_error} is {@code warn}: the run went on without it. */
        WARNING,
        /** It failed and stopped the investigation. */
        FAILED,
        /** An earlier step stopped the investigation. */
        NOT_RUN
    }

    private final StepSpec spec;
    private final Status status;
    private final String title;
    private final String message;
    private final DataTable table;
    private final RenderJob view;
    private final Map<String, String> details;
    private final List<String> warnings;
    private final List<Finding> findings;
    private final Duration elapsed;

    StepResult(StepSpec spec, Status status, String title, String message, DataTable table, RenderJob view,
               Map<String, String> details, List<String> warnings, List<Finding> findings, Duration elapsed) {
        this.spec = spec;
        this.status = status;
        this.title = title;
        this.message = message;
        this.table = table;
        this.view = view;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.warnings = List.copyOf(warnings);
        this.findings = List.copyOf(findings);
        this.elapsed = elapsed;
    }

    public StepSpec spec() {
        return spec;
    }

    public Status status() {
        return status;
    }

    /** The section title, parameters substituted. */
    public String title() {
        return title;
    }

    /** Why it was skipped or what failed; null when it ran. */
    public String message() {
        return message;
    }

    /** The output table, or null (render steps, skipped or failed steps). */
    public DataTable table() {
        return table;
    }

    /** The view of a render step, or null. */
    public RenderJob view() {
        return view;
    }

    /** What ran, for the report: provider, query, time range, query text, analyzer, renderer... (label to text). */
    public Map<String, String> details() {
        return details;
    }

    public List<String> warnings() {
        return warnings;
    }

    public List<Finding> findings() {
        return findings;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** The output's row count, or -1 when there is no table. */
    public int rows() {
        return table == null ? -1 : table.size();
    }

    @Override
    public String toString() {
        return spec.id() + ": " + status + (table != null ? " (" + table.size() + " rows)" : "") + (message != null ? " " + message : "");
    }
}
