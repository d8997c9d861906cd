package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.Severity;
import java.util.List;

/**
 * What makes a step's result a finding for the report's summary: when the step's output has rows, it is listed
 * with this title, at this severity (or the worst of a severity column), showing these columns of its first rows.
 *
 * @param title          the finding's title; may use {@code ${param}}
 * @param severity       a fixed severity, or {@code null} when {@code severityColumn} is given
 * @param severityColumn a column whose values give each row's severity (High/Medium/Low/Informational, ...)
 * @param columns        the columns shown in the summary (empty: the first few)
 * @param maxRows        how many rows the summary shows
 */
public record FindingSpec(String title, Severity severity, String severityColumn, List<String> columns, int maxRows) {
    public FindingSpec {
        columns = List.copyOf(columns);
    }
}
