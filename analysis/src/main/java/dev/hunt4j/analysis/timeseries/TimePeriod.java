package dev.hunt4j.analysis.timeseries;

import java.time.Instant;

/**
 * A time span around one or more merged anomalies.
 *
 * @param start start (inclusive)
 * @param end end (inclusive, as KQL's {@code between})
 */
public record TimePeriod(Instant start, Instant end) {
}
