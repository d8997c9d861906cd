package dev.hunt4j.api;

/** The backend refused the credentials; the message says which credential and what to check, never its value. */
public class AuthenticationException extends Hunt4jException {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
