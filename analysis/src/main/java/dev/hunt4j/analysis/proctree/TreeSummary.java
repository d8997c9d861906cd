package dev.hunt4j.analysis.proctree;

/**
 * Counts over a process forest, as MSTICPy's {@code get_summary_info} (same meanings; synthetic parents count as
 * processes, as there).
 *
 * @param processes all nodes, synthetic parents included
 * @param rootProcesses nodes without a parent
 * @param leafProcesses nodes without children
 * @param branchProcesses nodes with a parent and children
 * @param isolatedProcesses roots without children
 * @param largestTreeDepth levels in the deepest tree (a lone root is 1)
 * @param syntheticProcesses parents added because the data had no event for them (not in MSTICPy's summary)
 */
public record TreeSummary(int processes, int rootProcesses, int leafProcesses, int branchProcesses,
                          int isolatedProcesses, int largestTreeDepth, int syntheticProcesses) {
}
