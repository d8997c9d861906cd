package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import java.util.Map;

/**
 * One indicator read from a feed file.
 *
 * @param value       the indicator as written in the feed, refanged
 * @param type        its type (from the feed, or inferred), or {@code null} when unknown
 * @param severity    the feed's verdict
 * @param source      who reported it (a CSV {@code Source} column, the MISP event's org, ...), or {@code null}
 * @param description why it is listed, or {@code null}
 * @param reference   a link about it, or {@code null}
 * @param location    where it was read: {@code file:line} or {@code file#id}
 * @param extra       other fields of the feed row (first-seen dates, tags, MISP category, STIX id)
 */
record FeedEntry(String value, IocType type, Severity severity, String source, String description, String reference,
                 String location, Map<String, Object> extra) {
    FeedEntry {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
