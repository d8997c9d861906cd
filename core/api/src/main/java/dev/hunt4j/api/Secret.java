package dev.hunt4j.api;

import java.util.Objects;

/**
 * A credential (password, API key, client secret). {@link #toString()} never shows it, so a secret that
 * ends up in a log line, an exception message or a config dump stays hidden; call {@link #reveal()} only
 * where the value goes on the wire.
 */
public final class Secret {
    private final String value;
    private final String source;

    /**
     * @param value  the secret itself
     * @param source where it came from, safe to show (e.g. {@code env:VT_KEY}, {@code inline})
     */
    public Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
    }

    public String reveal() {
        return value;
    }

    /** Where the secret came from, e.g. {@code env:VT_KEY}; names the reference, never the value. */
    public String source() {
        return source;
    }

    /** Replaces every occurrence of the secret in {@code text} with {@code ****}. */
    public String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "Secret[" + source + "]";
    }
}
