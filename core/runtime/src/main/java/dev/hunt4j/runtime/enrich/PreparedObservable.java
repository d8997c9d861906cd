package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;

/**
 * An observable after pre-processing: refanged, typed and checked, before any provider sees it.
 *
 * @param input     the text as given (trimmed)
 * @param value     the refanged, normalised value sent to providers (lower-case hashes and domains), or the input
 *                  when it is invalid
 * @param type      the given or inferred type, or {@code null} when it could not be inferred
 * @param invalid   why the observable cannot be looked up anywhere, or {@code null} when it is usable
 * @param nonGlobal for an IP address outside the global unicast space, why (e.g. {@code private range
 *                  10.0.0.0/8}); providers set to look up global IPs only refuse it. {@code null} otherwise
 */
public record PreparedObservable(String input, String value, IocType type, String invalid, String nonGlobal) {

    /** Whether some provider may look it up. */
    public boolean valid() {
        return invalid == null;
    }
}
