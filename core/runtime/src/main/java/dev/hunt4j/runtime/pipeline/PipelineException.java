package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.ConfigurationException;
import java.util.List;

/**
 * An investigation file that cannot run: every problem found, each naming the file and line
 * ({@code host-triage.yaml:23: step 'tree': unknown analyzer 'proctre' (did you mean proctree?)}).
 */
public final class PipelineException extends ConfigurationException {
    private final List<String> problems;

    public PipelineException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one message each, in file order. */
    public List<String> problems() {
        return problems;
    }
}
