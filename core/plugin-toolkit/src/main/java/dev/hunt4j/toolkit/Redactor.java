package dev.hunt4j.toolkit;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Removes every secret of one provider instance from text before it goes into a log line or an exception
 * message. It knows the configured {@link Secret}s, credentials acquired at run time (access tokens) and the
 * forms a server may echo them in (URL-encoded, JSON-escaped, Base64 for basic auth).
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not redacted: replacing them would mangle every
 * message while hiding nothing worth hiding. Thread-safe.
 */
public final class Redactor {
    /** Shorter values are left alone (see the class comment). */
    public static final int MIN_LENGTH = 4;
    private static final String MASK = "****";

    // longest first, so a secret containing another secret is replaced whole; replaced as a whole on add
    private volatile List<String> values = List.of();

    /** A redactor holding every {@link Secret} in {@code settings}, however deeply nested. */
    public static Redactor of(PluginSettings settings) {
        Redactor r = new Redactor();
        r.collect(settings.settings());
        return r;
    }

    private void collect(Object value) {
        if (value instanceof Secret s) {
            add(s.reveal());
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(this::collect);
        } else if (value instanceof List<?> l) {
            l.forEach(this::collect);
        }
    }

    /** Adds a secret. */
    public Redactor add(Secret secret) {
        return add(secret.reveal());
    }

    /** Adds a secret value, with the encoded forms a server may echo it back in. */
    public Redactor add(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            return this;
        }
        List<String> forms = new ArrayList<>(List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8),
                value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/")));
        synchronized (this) {
            List<String> next = new ArrayList<>(values);
            for (String f : forms) {
                if (!next.contains(f)) {
                    next.add(f);
                }
            }
            next.sort(Comparator.comparingInt(String::length).reversed());
            values = List.copyOf(next);
        }
        return this;
    }

    /** {@code text} with every known secret replaced by {@code ****}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, MASK);
            }
        }
        return out;
    }

    /**
     * A copy of {@code t} (and its causes) whose messages are redacted, keeping class names and stack traces, so
     * it can be attached as a cause without leaking what a library put into its message (Jackson quotes
     * offending tokens, for example).
     */
    public Throwable sanitize(Throwable t) {
        if (t == null) {
            return null;
        }
        Throwable copy = new RedactedCause(t.getClass().getName(), redact(t.getMessage()),
                t.getCause() == null || t.getCause() == t ? null : sanitize(t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** Stands in for a library exception whose message may hold a secret; prints like the original. */
    static final class RedactedCause extends Exception {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        RedactedCause(String originalClass, String message, Throwable cause) {
            super(message, cause, false, true);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            String m = getLocalizedMessage();
            return m == null ? originalClass : originalClass + ": " + m;
        }
    }
}
