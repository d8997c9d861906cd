/**
 * The query store: reads query definitions in MSTICPy's YAML format unchanged and renders them for a query
 * language so that parameter values can never change a query's structure.
 *
 * <p>Entry point: {@link dev.hunt4j.runtime.query.QueryStore}.
 */
package dev.hunt4j.runtime.query;
