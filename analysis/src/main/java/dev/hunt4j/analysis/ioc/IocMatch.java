package dev.hunt4j.analysis.ioc;

import dev.hunt4j.api.IocType;
import java.util.Objects;

/**
 * One indicator found in a text.
 *
 * @param type       the kind of indicator
 * @param observable the value as reported: refanged ({@code hxxp://evil[.]com} becomes {@code http://evil.com})
 *                   unless the extractor was built with {@code keepDefanged(true)}
 * @param original   the input text at {@code start..end}: the indicator as written (differs from {@code observable}
 *                   for defanged forms; for an indicator found percent-encoded inside a URL, it is the encoded URL part)
 * @param start      index of the first character in the input text
 * @param end        index after the last character in the input text
 */
public record IocMatch(IocType type, String observable, String original, int start, int end) {
    public IocMatch {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(observable, "observable");
        Objects.requireNonNull(original, "original");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** True when the input held this indicator in another form: defanged, or percent-encoded inside a URL. */
    public boolean defanged() {
        return !observable.equals(original);
    }
}
