package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import java.util.List;

/**
 * Every provider's answer about one observable, condensed.
 *
 * @param ioc       the observable as given
 * @param type      its type, or {@code null} when unknown
 * @param severity  the worst severity any provider gave
 * @param found     whether any provider knows it
 * @param flaggedBy providers that rated it {@code warning} or {@code high}, worst first
 * @param answered  providers that answered (found or not)
 * @param failed    providers that could not answer, with the status: {@code vt (throttled)}
 */
public record IocSummary(String ioc, IocType type, Severity severity, boolean found, List<String> flaggedBy,
                         List<String> answered, List<String> failed) {
    public IocSummary {
        flaggedBy = List.copyOf(flaggedBy);
        answered = List.copyOf(answered);
        failed = List.copyOf(failed);
    }
}
