package dev.hunt4j.runtime.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupBatcher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hunt4j.runtime.enrich.SentinelTiQuery.Group;
import dev.hunt4j.runtime.enrich.SentinelTiQuery.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Looks observables up in Sentinel's threat-intelligence table ({@code ThreatIntelIndicators}, or the legacy
 * {@code ThreatIntelligenceIndicator}) through a {@link KqlRunner}. Lookups running at the same time share a query per
 * {@link Group} (a {@link LookupBatcher} each): the first waits up to {@code batch_wait} for others (or until
 * {@code batch_size} are waiting), runs the query and hands every lookup the indicators that name its observable. With no table configured ({@code auto}) it
 * reads {@code ThreatIntelIndicators} and, once the workspace answers that this table does not exist, the legacy one.
 *
 * <p>Verdict per observable, over the latest version of each matching indicator: an active, unexpired indicator makes
 * it found — high when one has a confidence {@code >= high_confidence}, information when every one is benign, warning
 * otherwise; only revoked, deleted or expired indicators: not found, information (listed in the details); none: not
 * found. A failed query becomes an {@code error} row with the service's message; refused credentials and throttling are
 * thrown, so the engine's fail-fast and Retry-After handling apply.
 */
final class SentinelTiEnricher implements Enricher {
    private final String name;
    private final String provider;
    private final KqlRunner runner;
    private final Duration lookback;
    private final Duration queryTimeout;
    private final double highConfidence;
    private final Clock clock;
    /** The configured table; null for {@code auto}. */
    private final Table configured;
    /** The table {@code auto} settled on: the legacy one once ThreatIntelIndicators proved missing. */
    private volatile Table resolved;
    /** One query per group; keys are lower-case (the table is matched with {@code in~}). */
    private final Map<Group, LookupBatcher<String, List<Map<String, Object>>>> batchers = new EnumMap<>(Group.class);

    SentinelTiEnricher(String name, String provider, KqlRunner runner, Duration lookback, int batchSize, Duration batchWait,
                       Duration queryTimeout, double highConfidence, Table table, Clock clock) {
        this.name = name;
        this.provider = provider;
        this.runner = runner;
        this.lookback = lookback;
        this.queryTimeout = queryTimeout;
        this.highConfidence = highConfidence;
        this.clock = clock;
        this.configured = table;
        for (Group g : Group.values()) {
            batchers.put(g, new LookupBatcher<>(batchSize, batchWait, keys -> query(g, keys)));
        }
    }

    /** The table queries go to now. */
    Table table() {
        Table t = configured != null ? configured : resolved;
        return t != null ? t : Table.STIX;
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        Group group = Group.of(type);
        if (group == null) {
            return TiResult.failed(observable, type, name, LookupStatus.UNSUPPORTED,
                    "Sentinel threat intelligence does not hold " + (type == null ? "untyped" : type.id()) + " observables");
        }
        try {
            QueryLanguages.KQL.insideString(observable, '"', false);
        } catch (IllegalArgumentException e) {
            return TiResult.failed(observable, type, name, LookupStatus.INVALID, "cannot be written as a KQL string: " + e.getMessage());
        }
        List<Map<String, Object>> indicators;
        try {
            indicators = batchers.get(group).lookup(observable.toLowerCase(Locale.ROOT)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Hunt4jException("interrupted while waiting for the Sentinel TI query");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QueryException q) {
                // the service answered with an error (bad query, missing table, cut result): retrying will not help
                return TiResult.failed(observable, type, name, LookupStatus.ERROR, q.getMessage());
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new Hunt4jException("Sentinel TI lookup failed: " + e.getCause(), e.getCause());
        }
        return verdict(observable, type, group, indicators);
    }

    /** The batch query of one group (run by the {@link LookupBatcher}, which hands what it throws to every lookup). */
    private Map<String, List<Map<String, Object>>> query(Group group, Set<String> keys) {
        Table table = table();
        try {
            try {
                return indicators(group, keys, table);
            } catch (QueryException e) {
                if (configured != null || table != Table.STIX || !SentinelTiQuery.missingTable(e.getMessage(), Table.STIX)) {
                    throw e;
                }
                // auto: a workspace without the STIX table (never had Sentinel's TI tables migrated) keeps the legacy one
                resolved = Table.LEGACY;
                table = Table.LEGACY;
                return indicators(group, keys, table);
            }
        } catch (QueryException e) {
            String hint = configured == Table.STIX && SentinelTiQuery.missingTable(e.getMessage(), Table.STIX)
                    ? " (the workspace has no ThreatIntelIndicators table: set table: auto or ThreatIntelligenceIndicator)" : "";
            throw new QueryException("looking up " + keys.size() + " observable(s) in " + table.table
                    + " through provider " + provider + ": " + e.getMessage() + hint, e);
        }
    }

    /** Queries {@code table} for the keys and returns each one's indicators. */
    private Map<String, List<Map<String, Object>>> indicators(Group group, Set<String> keys, Table table) {
        Map<String, List<Map<String, Object>>> found = new LinkedHashMap<>();
        keys.forEach(k -> found.put(k, new ArrayList<>()));
        Instant end = now();
        Instant start = end.minus(lookback);
        String kql = SentinelTiQuery.kql(table, group, keys, start, end);
        QueryOptions options = QueryOptions.defaults().withTimeRange(new TimeRange(start, end)).withTimeout(queryTimeout);
        try (ResultStream rows = runner.run(kql, options)) {
            List<Column> columns = rows.columns();
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                Map<String, Object> indicator = new LinkedHashMap<>();
                for (int i = 0; i < columns.size() && i < row.length; i++) {
                    indicator.put(columns.get(i).name(), cell(columns.get(i).name(), row[i]));
                }
                // an indicator may name several of the batch's observables (source and destination IP)
                Set<String> named = new LinkedHashSet<>();
                for (String c : table.matched(group)) {
                    if (indicator.get(c) instanceof String s && !s.isEmpty()) {
                        named.add(s.toLowerCase(Locale.ROOT));
                    }
                }
                for (String k : named) {
                    List<Map<String, Object>> list = found.get(k);
                    if (list != null) {
                        list.add(indicator);
                    }
                }
            }
        }
        return found;
    }

    /** Times as ISO text; the STIX {@code Data} object parsed, so RawResult holds it as JSON rather than a string. */
    private static Object cell(String column, Object value) {
        if (value instanceof Instant t) {
            return t.toString();
        }
        if (column.equals("Data") && value instanceof String s && !s.isBlank()) {
            try {
                return TiResultJson.MAPPER.readTree(s);
            } catch (JsonProcessingException e) {
                return s;
            }
        }
        return value;
    }

    private TiResult verdict(String observable, IocType type, Group group, List<Map<String, Object>> rows) {
        Table table = table();
        if (rows.isEmpty()) {
            return new TiResult(observable, type, name, null, false, Severity.UNKNOWN, Map.of(), null, reference(table, group, observable),
                    LookupStatus.OK, null);
        }
        Instant now = clock.instant();
        List<Indicator> all = rows.stream().map(Indicator::of).toList();
        List<Indicator> active = all.stream().filter(i -> i.activeAt(now)).toList();
        Severity severity;
        if (active.isEmpty()) {
            severity = Severity.INFORMATION;
        } else if (active.stream().anyMatch(i -> !i.benign() && i.confidence() >= highConfidence)) {
            severity = Severity.HIGH;
        } else if (active.stream().allMatch(Indicator::benign)) {
            severity = Severity.INFORMATION;
        } else {
            severity = Severity.WARNING;
        }
        List<Indicator> shown = active.isEmpty() ? all : active;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("Active", active.size());
        details.put("Inactive", all.size() - active.size());
        // the same keys for both tables: the STIX columns under the legacy names, as MSTICPy's AzSTI does
        putDistinct(details, "IndicatorId", shown.stream().map(Indicator::id).toList());
        putDistinct(details, "ThreatType", shown.stream().flatMap(i -> i.threatTypes().stream()).toList());
        putDistinct(details, "Description", shown.stream().map(Indicator::description).toList());
        putDistinct(details, "Action", shown.stream().map(i -> i.row().get("Action")).toList());
        putDistinct(details, "Source", shown.stream().map(i -> i.row().get("Source")).toList());
        putDistinct(details, "Tags", shown.stream().map(i -> i.row().get("Tags")).toList());
        details.put("ConfidenceScore", shown.stream().mapToDouble(Indicator::confidence).max().orElse(0));
        String raw;
        try {
            raw = TiResultJson.MAPPER.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            raw = null;
        }
        return new TiResult(observable, type, name, null, !active.isEmpty(), severity, details, raw, reference(table, group, observable),
                LookupStatus.OK, null);
    }

    /**
     * One indicator row read the same way from either table. Legacy: {@code Active}, {@code ExpirationDateTime},
     * {@code ConfidenceScore}, {@code ThreatType}. STIX: {@code IsActive} and neither {@code IsDeleted} nor
     * {@code Revoked}, {@code ValidUntil}, {@code Confidence}, threat types from the STIX object's
     * {@code indicator_types} (STIX 2.1) or {@code labels} (2.0).
     */
    private record Indicator(Map<String, Object> row, Object id, boolean active, Object expires, double confidence,
                             List<String> threatTypes, Object description) {
        static Indicator of(Map<String, Object> r) {
            if (!r.containsKey("IsActive")) {
                List<String> types = r.get("ThreatType") instanceof String s && !s.isEmpty() ? List.of(s) : List.of();
                return new Indicator(r, r.get("IndicatorId"), Boolean.TRUE.equals(r.get("Active")), r.get("ExpirationDateTime"),
                        number(r.get("ConfidenceScore")), types, r.get("Description"));
            }
            boolean active = Boolean.TRUE.equals(r.get("IsActive")) && !Boolean.TRUE.equals(r.get("IsDeleted"))
                    && !Boolean.TRUE.equals(r.get("Revoked"));
            JsonNode data = r.get("Data") instanceof JsonNode n ? n : null;
            List<String> types = new ArrayList<>();
            if (data != null) {
                JsonNode list = data.path("indicator_types").isArray() ? data.path("indicator_types") : data.path("labels");
                list.forEach(t -> {
                    if (t.isTextual() && !t.asText().isEmpty()) {
                        types.add(t.asText());
                    }
                });
            }
            Object description = data != null && data.path("description").isTextual() ? data.path("description").asText() : null;
            return new Indicator(r, r.get("Id"), active, r.get("ValidUntil"), number(r.get("Confidence")), types, description);
        }

        /** Active and not expired: revoked indicators stay in the table, flagged. */
        boolean activeAt(Instant now) {
            if (!active) {
                return false;
            }
            if (expires instanceof String s && !s.isEmpty()) {
                try {
                    return Instant.parse(s).isAfter(now);
                } catch (java.time.format.DateTimeParseException e) {
                    return true;
                }
            }
            return true;
        }

        /** Every threat type it names is {@code benign} (an indicator naming none is not benign). */
        boolean benign() {
            return !threatTypes.isEmpty() && threatTypes.stream().allMatch(t -> t.equalsIgnoreCase("benign"));
        }

        private static double number(Object v) {
            return v instanceof Number n ? n.doubleValue() : 0;
        }
    }

    private static void putDistinct(Map<String, Object> details, String key, List<?> values) {
        List<Object> d = distinct(values);
        if (!d.isEmpty()) {
            details.put(key, d);
        }
    }

    private static List<Object> distinct(List<?> values) {
        Set<Object> out = new LinkedHashSet<>();
        for (Object v : values) {
            if (v != null && !(v instanceof String s && s.isEmpty())) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The query for this observable alone, on one line (a CSV cell), to paste into the Sentinel portal; MSTICPy puts
     * the query in Reference too. Line breaks inside the value are escaped, so only the separators are replaced.
     */
    private String reference(Table table, Group group, String observable) {
        Instant end = now();
        return SentinelTiQuery.kql(table, group, List.of(observable), end.minus(lookback), end).replace("\n", " ");
    }

    /** Whole seconds: the query reads better and the API's timespan says the same. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "SentinelTi[" + name + " via " + provider + "]";
    }
}
