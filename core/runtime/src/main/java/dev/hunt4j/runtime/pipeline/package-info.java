/**
 * Investigations that run unattended from a YAML file, and the HTML report an analyst hands over.
 *
 * <ul>
 *   <li>{@link dev.hunt4j.runtime.pipeline.Pipeline} — the file: typed parameters, defaults, steps ({@code query},
 *       {@code extract-iocs}, {@code enrich}, {@code analyze}, {@code mask}, {@code filter}, {@code join},
 *       {@code aggregate}, {@code union}, {@code render}) naming their input tables and output; {@code when:}
 *       conditions and {@code on_error: fail|warn}. Read and checked with line numbers before anything runs.</li>
 *   <li>{@link dev.hunt4j.runtime.pipeline.ParameterResolver} — values from the command line, a params file, the
 *       environment ({@code HUNT4J_PARAM_<NAME>}), a prompt ({@link dev.hunt4j.runtime.pipeline.TerminalPrompter},
 *       with a timeout and the last-used values of {@link dev.hunt4j.runtime.pipeline.RememberedParameters}) and
 *       defaults; relative times ({@link dev.hunt4j.runtime.pipeline.TimeRanges}).</li>
 *   <li>{@link dev.hunt4j.runtime.pipeline.PipelineRunner} — checks the pipeline against a {@code Hunt4j} (providers,
 *       queries, analyzers, renderers), then runs it; tables are held in memory as
 *       {@link dev.hunt4j.runtime.pipeline.DataTable}s.</li>
 *   <li>{@link dev.hunt4j.runtime.pipeline.ReportWriter} — one self-contained HTML file: summary and findings first,
 *       then a section per step; optionally masked ({@link dev.hunt4j.runtime.pipeline.ReportMasking}).</li>
 * </ul>
 */
package dev.hunt4j.runtime.pipeline;
