package dev.hunt4j.toolkit;

import dev.hunt4j.api.QueryException;

/**
 * The service refused the query itself (HTTP 4xx other than auth and throttling): a syntax error, an unknown table,
 * a result too large. A chunked query stops at once when its first chunk gets one, since every other chunk would too.
 */
public class ServiceRejection extends QueryException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ServiceRejection(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status (400 for most query errors). */
    public int status() {
        return status;
    }
}
