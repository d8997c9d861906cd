package dev.hunt4j.api;

/** The plugin or backend does not offer what was asked (an IoC type, a query language, a capability). */
public class NotSupportedException extends Hunt4jException {
    public NotSupportedException(String message) {
        super(message);
    }
}
