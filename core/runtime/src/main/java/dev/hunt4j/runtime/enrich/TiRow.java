package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.LookupStatus;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a TI result table: one observable as answered by one provider. The columns follow MSTICPy's
 * ({@link TiResults#COLUMNS}).
 *
 * @param ioc      the observable as given ({@code Ioc}), possibly defanged
 * @param type     its type ({@code IocType}), or {@code null} when it could not be inferred
 * @param safeIoc  the value sent to the provider ({@code SafeIoc}): refanged, normalised, encoded when the provider
 *                 wants that
 * @param subtype  the kind of lookup when a provider offers several ({@code QuerySubtype}), or {@code null}
 * @param provider the provider instance name ({@code Provider}); {@value Enrichment#ENGINE} for rows the engine
 *                 answered itself (an observable no provider could take)
 * @param found    whether the provider knows the observable ({@code Result})
 * @param severity the provider's verdict ({@code Severity})
 * @param details  the provider's summary ({@code Details} when the status is ok)
 * @param rawJson  the provider's response ({@code RawResult}), or {@code null}
 * @param reference a page about the observable at the provider ({@code Reference}), or {@code null}
 * @param status   whether and how the lookup was answered ({@code Status})
 * @param message  why, when the status is not ok ({@code Details} then); otherwise {@code null}
 * @param cached   whether the answer came from the cache (memory or disk) rather than from the provider
 */
public record TiRow(String ioc, IocType type, String safeIoc, String subtype, String provider, boolean found,
                    Severity severity, Map<String, Object> details, String rawJson, String reference, LookupStatus status,
                    String message, boolean cached) {
    public TiRow {
        Objects.requireNonNull(ioc, "ioc");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : details;
    }

    /** Whether the provider answered (found or not). */
    public boolean ok() {
        return status == LookupStatus.OK;
    }
}
