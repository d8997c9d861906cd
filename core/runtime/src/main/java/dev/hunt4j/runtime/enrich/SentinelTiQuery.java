package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.query.QueryLanguages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The KQL the {@code sentinel-ti} enricher sends: one query per group of observable types over the columns of
 * Sentinel's {@code ThreatIntelligenceIndicator} table that hold such observables (the columns MSTICPy's AzSTI queries
 * use), latest version of each indicator. Observables are data: each goes through the API's KQL string-literal
 * escaping into a {@code datatable}, so no value can change the query's structure.
 */
final class SentinelTiQuery {
    static final String TABLE = "ThreatIntelligenceIndicator";
    /** Columns every answer carries, besides the group's own. */
    static final List<String> COMMON = List.of("TimeGenerated", "IndicatorId", "ThreatType", "Description", "Active",
            "ExpirationDateTime", "ConfidenceScore", "ThreatSeverity", "Action", "Tags", "SourceSystem");

    /** Observable types looked up by one query, and the table's columns that hold them. */
    enum Group {
        IP(Set.of(IocType.IPV4, IocType.IPV6), "NetworkIP", "NetworkSourceIP", "NetworkDestinationIP", "EmailSourceIpAddress"),
        DOMAIN(Set.of(IocType.DNS, IocType.HOSTNAME), "DomainName", "EmailSourceDomain"),
        URL(Set.of(IocType.URL), "Url"),
        FILE_HASH(Set.of(IocType.MD5_HASH, IocType.SHA1_HASH, IocType.SHA256_HASH), "FileHashValue", "FileHashType"),
        EMAIL(Set.of(IocType.EMAIL), "EmailSenderAddress", "EmailRecipient"),
        FILE_PATH(Set.of(IocType.WINDOWS_PATH, IocType.LINUX_PATH), "FilePath");

        final Set<IocType> types;
        /** Columns compared with the observables ({@code FileHashType} is only shown, never matched). */
        final List<String> matched;
        final List<String> shown;

        Group(Set<IocType> types, String... columns) {
            this.types = types;
            this.shown = List.of(columns);
            this.matched = shown.stream().filter(c -> !c.equals("FileHashType")).toList();
        }

        static Group of(IocType type) {
            for (Group g : values()) {
                if (g.types.contains(type)) {
                    return g;
                }
            }
            return null;
        }
    }

    private SentinelTiQuery() {
    }

    /** Every observable type some group looks up. */
    static Set<IocType> supportedTypes() {
        java.util.EnumSet<IocType> all = java.util.EnumSet.noneOf(IocType.class);
        for (Group g : Group.values()) {
            all.addAll(g.types);
        }
        return all;
    }

    /**
     * The query for {@code observables} of one group, indicators ingested between {@code start} and {@code end}.
     *
     * @throws IllegalArgumentException when a value cannot be written as a KQL string (a control character)
     */
    static String kql(Group group, Collection<String> observables, Instant start, Instant end) {
        List<String> where = new ArrayList<>();
        for (String c : group.matched) {
            where.add(c + " in~ (iocs)");
        }
        List<String> project = new ArrayList<>(COMMON);
        project.addAll(group.shown);
        return "let iocs = datatable(Ioc:string) [" + QueryLanguages.KQL.bare(List.copyOf(observables)) + "];\n"
                + TABLE + "\n"
                + "| where TimeGenerated between (datetime(" + QueryLanguages.KQL.bare(start) + ") .. datetime("
                + QueryLanguages.KQL.bare(end) + "))\n"
                + "| where " + String.join(" or ", where) + "\n"
                + "| summarize arg_max(TimeGenerated, *) by IndicatorId\n"
                + "| project " + String.join(", ", project);
    }
}
