package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.Severity;

/**
 * Something the summary of a report puts first: a step whose output had rows and that declares a finding, or
 * observables a TI provider flagged.
 *
 * @param severity      the finding's severity (the worst of its rows when a severity column is used)
 * @param titleTemplate the title as written ({@code ${param}} not substituted), so a masked report can substitute
 *                      masked values
 * @param title         the title with parameters substituted
 * @param stepId        the step that raised it
 * @param rows          the rows shown (the first few, worst first), in the chosen columns
 * @param totalRows     how many rows the step's output has
 */
public record Finding(Severity severity, String titleTemplate, String title, String stepId, DataTable rows, int totalRows) {
}
