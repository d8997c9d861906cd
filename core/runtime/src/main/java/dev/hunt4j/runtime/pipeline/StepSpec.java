package dev.hunt4j.runtime.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline as written: its type, the tables it reads and writes, when it runs, what to do when it
 * fails, and its type's own settings ({@link #options()}, values as read from YAML, {@code ${param}} references not
 * yet substituted).
 */
public final class StepSpec {
    /** What a failing step does to the run. */
    public enum OnError {
        /** Stop the investigation (the default). */
        FAIL,
        /** Record the error, skip the steps that need this step's output, and go on. */
        WARN
    }

    private final int index;
    private final int line;
    private final StepType type;
    private final String id;
    private final String title;
    private final String description;
    private final Map<String, String> inputs;
    private final String output;
    private final Expression when;
    private final OnError onError;
    private final boolean report;
    private final Integer rows;
    private final FindingSpec finding;
    private final Map<String, Object> options;
    private final Map<String, Integer> lines;

    StepSpec(int index, int line, StepType type, String id, String title, String description, Map<String, String> inputs,
             String output, Expression when, OnError onError, boolean report, Integer rows, FindingSpec finding,
             Map<String, Object> options, Map<String, Integer> lines) {
        this.index = index;
        this.line = line;
        this.type = type;
        this.id = id;
        this.title = title;
        this.description = description;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.output = output;
        this.when = when;
        this.onError = onError;
        this.report = report;
        this.rows = rows;
        this.finding = finding;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    /** 1-based position in the pipeline. */
    public int index() {
        return index;
    }

    /** The line the step starts on. */
    public int line() {
        return line;
    }

    public StepType type() {
        return type;
    }

    /** The step's id: {@code id:}, else its output, else {@code <type>-<index>}. */
    public String id() {
        return id;
    }

    /** The section title as written (may hold {@code ${param}}). */
    public String title() {
        return title;
    }

    /** The description as written, or empty. */
    public String description() {
        return description;
    }

    /** The tables read, as name the step uses (a renderer's table name) to step output name, in order. */
    public Map<String, String> inputs() {
        return inputs;
    }

    /** The input table names. */
    public List<String> inputTables() {
        return List.copyOf(inputs.values());
    }

    /** The output table's name, or null (render steps). */
    public String output() {
        return output;
    }

    /** The condition, or null to always run. */
    public Expression when() {
        return when;
    }

    public OnError onError() {
        return onError;
    }

    /** Whether the report shows the step's table. */
    public boolean report() {
        return report;
    }

    /** How many rows the report shows, or null for the report's default. */
    public Integer rows() {
        return rows;
    }

    /** The finding the step raises when its output has rows, or null. */
    public FindingSpec finding() {
        return finding;
    }

    /** The type's own keys and their values as read. */
    public Map<String, Object> options() {
        return options;
    }

    /** The line of a key of this step (its own line when unknown). */
    public int lineOf(String key) {
        return lines.getOrDefault(key, line);
    }

    @Override
    public String toString() {
        return "step " + index + " '" + id + "' (" + type.id() + ")";
    }
}
