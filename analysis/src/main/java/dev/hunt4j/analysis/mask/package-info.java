/**
 * Deterministic, keyed, structure-preserving masking of security data: {@link dev.hunt4j.analysis.mask.Masker}
 * for single values and streamed tables, {@link dev.hunt4j.analysis.mask.ColumnMap} for which columns are
 * masked how, and the {@code mask} analyzer ({@link dev.hunt4j.analysis.mask.MaskAnalyzerFactory}).
 */
package dev.hunt4j.analysis.mask;
