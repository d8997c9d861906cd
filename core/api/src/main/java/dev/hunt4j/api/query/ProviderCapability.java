package dev.hunt4j.api.query;

/** Parts of {@link QueryOptions} a provider honours; the TCK checks each one it declares. */
public enum ProviderCapability {
    /** Rows outside {@link QueryOptions#timeRange()} are not returned. */
    TIME_RANGE,
    /** No more than {@link QueryOptions#maxRows()} rows are returned. */
    ROW_LIMIT,
    /** {@link Cancellation#cancel()} stops a running query promptly. */
    CANCELLATION
}
