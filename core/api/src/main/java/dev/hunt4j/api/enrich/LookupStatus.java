package dev.hunt4j.api.enrich;

/** Whether and how a lookup was answered. */
public enum LookupStatus {
    /** The service answered (found or not; see {@link TiResult#found()}). */
    OK,
    /** The service does not handle this observable type. */
    UNSUPPORTED,
    /** The observable is malformed or not worth looking up (private IP, low-entropy hash). */
    INVALID,
    /** The service kept refusing for rate or quota reasons after the retries. */
    THROTTLED,
    /** Any other failure: the message says what happened. */
    ERROR
}
