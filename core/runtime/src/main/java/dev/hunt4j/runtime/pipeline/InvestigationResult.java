package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of running a pipeline: every step's result, the tables, the findings (worst first) and what the run was
 * given. Write it as a report with {@link ReportWriter}.
 */
public final class InvestigationResult {
    private final Pipeline pipeline;
    private final ResolvedParameters parameters;
    private final TimeRange timeRange;
    private final List<StepResult> steps;
    private final Instant started;
    private final Duration elapsed;

    InvestigationResult(Pipeline pipeline, ResolvedParameters parameters, TimeRange timeRange, List<StepResult> steps,
                        Instant started, Duration elapsed) {
        this.pipeline = pipeline;
        this.parameters = parameters;
        this.timeRange = timeRange;
        this.steps = List.copyOf(steps);
        this.started = started;
        this.elapsed = elapsed;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The pipeline's title with parameters substituted ({@code Host triage of ${host}}). */
    public String title() {
        return Substitution.text(pipeline.title(), parameters::get);
    }

    public ResolvedParameters parameters() {
        return parameters;
    }

    /** The pipeline's default time range (its {@code defaults.time_range}), or null for all time or none set. */
    public TimeRange timeRange() {
        return timeRange;
    }

    public List<StepResult> steps() {
        return steps;
    }

    /** The result of the step with this id. */
    public Optional<StepResult> step(String id) {
        return steps.stream().filter(s -> s.spec().id().equals(id)).findFirst();
    }

    /** The last table written under {@code name}. */
    public Optional<DataTable> table(String name) {
        DataTable found = null;
        for (StepResult s : steps) {
            if (s.table() != null && name.equals(s.spec().output())) {
                found = s.table();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every table by name (the last written under each name). */
    public Map<String, DataTable> tables() {
        Map<String, DataTable> out = new LinkedHashMap<>();
        for (StepResult s : steps) {
            if (s.table() != null) {
                out.put(s.spec().output(), s.table());
            }
        }
        return out;
    }

    /** Every finding, worst first, then in step order. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        steps.forEach(s -> out.addAll(s.findings()));
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return out;
    }

    /** Whether a step failed and stopped the run. */
    public boolean failed() {
        return steps.stream().anyMatch(s -> s.status() == StepResult.Status.FAILED);
    }

    /** Steps that failed (stopping the run or not) with their messages. */
    public List<String> errors() {
        List<String> out = new ArrayList<>();
        for (StepResult s : steps) {
            if (s.status() == StepResult.Status.FAILED || s.status() == StepResult.Status.WARNING) {
                out.add("step '" + s.spec().id() + "': " + s.message());
            }
        }
        return out;
    }

    public Instant started() {
        return started;
    }

    public Duration elapsed() {
        return elapsed;
    }
}
