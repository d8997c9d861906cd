package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.query.QueryLanguages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The KQL the {@code sentinel-ti} enricher sends: one query per group of observable types, latest version of each
 * indicator. Two tables: the STIX-based {@code ThreatIntelIndicators} (filled since 2025), where an indicator's
 * observable is the {@code ObservableKey}/{@code ObservableValue} pair Sentinel extracts from its pattern, and the legacy
 * {@code ThreatIntelligenceIndicator}, with a column per kind of observable (the columns MSTICPy's AzSTI queries used).
 * Observables are data: each goes through the API's KQL string-literal escaping into a {@code datatable}, so no value
 * can change the query's structure.
 */
final class SentinelTiQuery {
    /** The tables the enricher can read. */
    enum Table {
        STIX("ThreatIntelIndicators", "Id", List.of("TimeGenerated", "Id", "ObservableKey", "ObservableValue", "Pattern",
                "IsActive", "IsDeleted", "Revoked", "Confidence", "ValidFrom", "ValidUntil", "Source", "Tags", "SourceSystem", "Data")),
        LEGACY("ThreatIntelligenceIndicator", "IndicatorId", List.of("TimeGenerated", "IndicatorId", "ThreatType", "Description",
                "Active", "ExpirationDateTime", "ConfidenceScore", "ThreatSeverity", "Action", "Tags", "SourceSystem"));

        final String table;
        /** The column naming one indicator across its versions. */
        final String id;
        /** Columns every answer carries (the legacy table adds the group's own). */
        final List<String> common;

        Table(String table, String id, List<String> common) {
            this.table = table;
            this.id = id;
            this.common = common;
        }

        /** The table called {@code name}, ignoring case, or null. */
        static Table named(String name) {
            for (Table t : values()) {
                if (t.table.equalsIgnoreCase(name)) {
                    return t;
                }
            }
            return null;
        }

        /** Columns holding the observable in an answer row. */
        List<String> matched(Group g) {
            return this == STIX ? List.of("ObservableValue") : g.matched;
        }
    }

    /** Observable types looked up by one query, the legacy columns and the STIX object paths that hold them. */
    enum Group {
        IP(Set.of(IocType.IPV4, IocType.IPV6), List.of("ipv4-addr:value", "ipv6-addr:value", "network-traffic:src_ref.value",
                "network-traffic:dst_ref.value"), "NetworkIP", "NetworkSourceIP", "NetworkDestinationIP", "EmailSourceIpAddress"),
        DOMAIN(Set.of(IocType.DNS, IocType.HOSTNAME), List.of("domain-name:value"), "DomainName", "EmailSourceDomain"),
        URL(Set.of(IocType.URL), List.of("url:value"), "Url"),
        /** Any {@code file:hashes.*} key: feeds write the algorithm as {@code 'SHA-256'}, {@code SHA256}, {@code MD5}, ... */
        FILE_HASH(Set.of(IocType.MD5_HASH, IocType.SHA1_HASH, IocType.SHA256_HASH), List.of(), "FileHashValue", "FileHashType"),
        EMAIL(Set.of(IocType.EMAIL), List.of("email-addr:value"), "EmailSenderAddress", "EmailRecipient"),
        FILE_PATH(Set.of(IocType.WINDOWS_PATH, IocType.LINUX_PATH), List.of("directory:path", "file:name"), "FilePath");

        final Set<IocType> types;
        /** {@code ObservableKey} values of this group in ThreatIntelIndicators (empty for hashes, matched by prefix). */
        final List<String> stixKeys;
        /** Legacy columns compared with the observables ({@code FileHashType} is only shown, never matched). */
        final List<String> matched;
        final List<String> shown;

        Group(Set<IocType> types, List<String> stixKeys, String... columns) {
            this.types = types;
            this.stixKeys = stixKeys;
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
     * The query on {@code table} for {@code observables} of one group, indicators ingested between {@code start} and
     * {@code end}.
     *
     * @throws IllegalArgumentException when a value cannot be written as a KQL string (a control character)
     */
    static String kql(Table table, Group group, Collection<String> observables, Instant start, Instant end) {
        String where;
        List<String> project = new ArrayList<>(table.common);
        if (table == Table.STIX) {
            String key = group.stixKeys.isEmpty() ? "ObservableKey startswith \"file:hashes\""
                    : "ObservableKey in~ (" + QueryLanguages.KQL.bare(group.stixKeys) + ")";
            where = key + " and ObservableValue in~ (iocs)";
        } else {
            List<String> any = new ArrayList<>();
            for (String c : group.matched) {
                any.add(c + " in~ (iocs)");
            }
            where = String.join(" or ", any);
            project.addAll(group.shown);
        }
        return "let iocs = datatable(Ioc:string) [" + QueryLanguages.KQL.bare(List.copyOf(observables)) + "];\n"
                + table.table + "\n"
                + "| where TimeGenerated between (datetime(" + QueryLanguages.KQL.bare(start) + ") .. datetime("
                + QueryLanguages.KQL.bare(end) + "))\n"
                + "| where " + where + "\n"
                + "| summarize arg_max(TimeGenerated, *) by " + table.id + "\n"
                + "| project " + String.join(", ", project);
    }

    /**
     * Whether Log Analytics answered that {@code table} does not exist in the workspace: a semantic error
     * ({@code SEM0100}) "Failed to resolve table or column expression named '<table>'".
     */
    static boolean missingTable(String message, Table table) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("failed to resolve") && m.contains("'" + table.table.toLowerCase(Locale.ROOT) + "'");
    }
}
