package dev.hunt4j.api.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * One provider's answer for one observable. Table columns follow MSTICPy's TI results:
 * {@code Ioc, IocType, QuerySubtype, Provider, Result, Severity, Details, RawResult, Reference, Status}.
 *
 * @param ioc       the observable as looked up
 * @param type      its type
 * @param provider  the configured provider name
 * @param subtype   the kind of lookup where a service offers several (e.g. {@code passivedns}), or {@code null}
 * @param found     whether the service knows the observable ({@code Result})
 * @param severity  the provider's verdict mapped to hunt4j's scale
 * @param details   a short, provider-specific summary (counts, tags, names)
 * @param rawJson   the service's response body, or {@code null}
 * @param reference a web page about the observable at the service, or {@code null}
 * @param status    whether and how the lookup was answered
 * @param message   why, when status is not {@link LookupStatus#OK}; otherwise {@code null}
 */
public record TiResult(String ioc, IocType type, String provider, String subtype, boolean found, Severity severity,
                       Map<String, Object> details, String rawJson, String reference, LookupStatus status, String message) {
    public TiResult {
        Objects.requireNonNull(ioc, "ioc");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A result for an observable the provider could not answer. */
    public static TiResult failed(String ioc, IocType type, String provider, LookupStatus status, String message) {
        return new TiResult(ioc, type, provider, null, false, Severity.UNKNOWN, Map.of(), null, null, status, message);
    }
}
