package dev.hunt4j.api;

/** A query could not be built or run: bad template, bad parameter, syntax error reported by the backend, unreadable data. */
public class QueryException extends Hunt4jException {
    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
