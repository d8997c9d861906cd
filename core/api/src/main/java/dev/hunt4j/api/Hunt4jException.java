package dev.hunt4j.api;

/** Base of every error hunt4j reports; the message always says what went wrong and where. */
public class Hunt4jException extends RuntimeException {
    public Hunt4jException(String message) {
        super(message);
    }

    public Hunt4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
