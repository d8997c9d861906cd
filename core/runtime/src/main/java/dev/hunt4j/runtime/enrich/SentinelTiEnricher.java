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
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.enrich.SentinelTiQuery.Group;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Looks observables up in {@code ThreatIntelligenceIndicator} through a {@link KqlRunner}. Lookups running at the same
 * time share a query per {@link Group}: the first waits up to {@code batch_wait} for others (or until {@code batch_size}
 * are waiting), runs the query and hands every lookup the indicators that name its observable.
 *
 * <p>Verdict per observable, over the latest version of each matching indicator: an active, unexpired indicator makes
 * it found — high when one has {@code ConfidenceScore >= high_confidence}, information when every one is
 * {@code ThreatType benign}, warning otherwise; only revoked or expired indicators: not found, information (listed in
 * the details); none: not found. A failed query becomes an {@code error} row with the service's message; refused
 * credentials and throttling are thrown, so the engine's fail-fast and Retry-After handling apply.
 */
final class SentinelTiEnricher implements Enricher {
    private final String name;
    private final String provider;
    private final KqlRunner runner;
    private final Duration lookback;
    private final int batchSize;
    private final long waitNanos;
    private final Duration queryTimeout;
    private final double highConfidence;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<Group, Batch> open = new EnumMap<>(Group.class);

    /** Observables of one group waiting to share a query; keys are lower-case (the table is matched with {@code in~}). */
    private static final class Batch {
        final Group group;
        final Map<String, CompletableFuture<Object>> items = new LinkedHashMap<>();
        boolean sealed;

        Batch(Group group) {
            this.group = group;
        }
    }

    SentinelTiEnricher(String name, String provider, KqlRunner runner, Duration lookback, int batchSize, Duration batchWait,
                       Duration queryTimeout, double highConfidence, Clock clock) {
        this.name = name;
        this.provider = provider;
        this.runner = runner;
        this.lookback = lookback;
        this.batchSize = batchSize;
        this.waitNanos = batchWait.toNanos();
        this.queryTimeout = queryTimeout;
        this.highConfidence = highConfidence;
        this.clock = clock;
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
        String key = observable.toLowerCase(Locale.ROOT);
        Batch batch;
        CompletableFuture<Object> mine;
        boolean leader;
        synchronized (lock) {
            batch = open.get(group);
            leader = batch == null;
            if (leader) {
                batch = new Batch(group);
                open.put(group, batch);
            }
            mine = batch.items.computeIfAbsent(key, k -> new CompletableFuture<>());
            if (batch.items.size() >= batchSize) {
                seal(batch);
            }
        }
        if (leader) {
            awaitOthers(batch);
            run(batch);
        }
        Object answer;
        try {
            answer = mine.get();
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
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> indicators = (List<Map<String, Object>>) answer;
        return verdict(observable, type, group, indicators);
    }

    private void seal(Batch b) {
        b.sealed = true;
        if (open.get(b.group) == b) {
            open.remove(b.group);
        }
        lock.notifyAll();
    }

    private void awaitOthers(Batch b) {
        synchronized (lock) {
            long end = System.nanoTime() + waitNanos;
            while (!b.sealed) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            seal(b);
        }
    }

    /** Runs the batch's query and completes every lookup in it, whatever happens. */
    private void run(Batch b) {
        Map<String, List<Map<String, Object>>> found = new LinkedHashMap<>();
        b.items.keySet().forEach(k -> found.put(k, new ArrayList<>()));
        try {
            Instant end = now();
            Instant start = end.minus(lookback);
            String kql = SentinelTiQuery.kql(b.group, b.items.keySet(), start, end);
            QueryOptions options = QueryOptions.defaults().withTimeRange(new TimeRange(start, end)).withTimeout(queryTimeout);
            try (ResultStream rows = runner.run(kql, options)) {
                List<Column> columns = rows.columns();
                for (Object[] row = rows.next(); row != null; row = rows.next()) {
                    Map<String, Object> indicator = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size() && i < row.length; i++) {
                        indicator.put(columns.get(i).name(), row[i] instanceof Instant t ? t.toString() : row[i]);
                    }
                    // an indicator may name several of the batch's observables (source and destination IP)
                    Set<String> keys = new LinkedHashSet<>();
                    for (String c : b.group.matched) {
                        if (indicator.get(c) instanceof String s && !s.isEmpty()) {
                            keys.add(s.toLowerCase(Locale.ROOT));
                        }
                    }
                    for (String k : keys) {
                        List<Map<String, Object>> list = found.get(k);
                        if (list != null) {
                            list.add(indicator);
                        }
                    }
                }
            }
            found.forEach((k, list) -> b.items.get(k).complete(list));
        } catch (QueryException e) {
            fail(b, new QueryException("looking up " + b.items.size() + " observable(s) in " + SentinelTiQuery.TABLE
                    + " through provider " + provider + ": " + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            fail(b, e);
        } finally {
            fail(b, new Hunt4jException("the Sentinel TI query ended without an answer"));
        }
    }

    private static void fail(Batch b, Throwable e) {
        b.items.values().forEach(f -> f.completeExceptionally(e));
    }

    private TiResult verdict(String observable, IocType type, Group group, List<Map<String, Object>> indicators) {
        if (indicators.isEmpty()) {
            return new TiResult(observable, type, name, null, false, Severity.UNKNOWN, Map.of(), null, reference(group, observable),
                    LookupStatus.OK, null);
        }
        Instant now = clock.instant();
        List<Map<String, Object>> active = new ArrayList<>();
        for (Map<String, Object> i : indicators) {
            if (isActive(i, now)) {
                active.add(i);
            }
        }
        Severity severity;
        if (active.isEmpty()) {
            severity = Severity.INFORMATION;
        } else if (active.stream().anyMatch(i -> !benign(i) && confidence(i) >= highConfidence)) {
            severity = Severity.HIGH;
        } else if (active.stream().allMatch(SentinelTiEnricher::benign)) {
            severity = Severity.INFORMATION;
        } else {
            severity = Severity.WARNING;
        }
        List<Map<String, Object>> shown = active.isEmpty() ? indicators : active;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("Active", active.size());
        details.put("Inactive", indicators.size() - active.size());
        for (String column : List.of("IndicatorId", "ThreatType", "Description", "Action", "Tags")) {
            List<Object> values = distinct(shown, column);
            if (!values.isEmpty()) {
                details.put(column, values);
            }
        }
        details.put("ConfidenceScore", shown.stream().mapToDouble(SentinelTiEnricher::confidence).max().orElse(0));
        String raw;
        try {
            raw = TiResultJson.MAPPER.writeValueAsString(indicators);
        } catch (JsonProcessingException e) {
            raw = null;
        }
        return new TiResult(observable, type, name, null, !active.isEmpty(), severity, details, raw, reference(group, observable),
                LookupStatus.OK, null);
    }

    /** Active and not expired: revoked indicators stay in the table with {@code Active == false}. */
    private static boolean isActive(Map<String, Object> i, Instant now) {
        if (!Boolean.TRUE.equals(i.get("Active"))) {
            return false;
        }
        Object exp = i.get("ExpirationDateTime");
        if (exp instanceof String s && !s.isEmpty()) {
            try {
                return Instant.parse(s).isAfter(now);
            } catch (java.time.format.DateTimeParseException e) {
                return true;
            }
        }
        return true;
    }

    private static boolean benign(Map<String, Object> i) {
        return i.get("ThreatType") instanceof String s && s.equalsIgnoreCase("benign");
    }

    private static double confidence(Map<String, Object> i) {
        return i.get("ConfidenceScore") instanceof Number n ? n.doubleValue() : 0;
    }

    private static List<Object> distinct(List<Map<String, Object>> indicators, String column) {
        Set<Object> out = new LinkedHashSet<>();
        for (Map<String, Object> i : indicators) {
            Object v = i.get(column);
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
    private String reference(Group group, String observable) {
        Instant end = now();
        return SentinelTiQuery.kql(group, List.of(observable), end.minus(lookback), end).replace("\n", " ");
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
