package dev.hunt4j.api;

/** A setting is missing, unknown or ill-typed; the message names its key path (e.g. {@code providers.splunk.host}). */
public class ConfigurationException extends Hunt4jException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
