package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.enrich.LookupStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answers to one lookup request: one {@link TiRow} per observable and provider, in input order and then
 * provider order, plus a summary per observable. Immutable. For a Tablesaw table:
 * {@code QueryResult.toTable("ti", results.stream())}.
 */
public final class TiResults {
    /** MSTICPy's TI result columns. {@code Details} holds JSON when {@code Status} is {@code ok}, else the reason. */
    public static final List<Column> COLUMNS = List.of(
            new Column("Ioc", ColumnType.STRING),
            new Column("IocType", ColumnType.STRING),
            new Column("SafeIoc", ColumnType.STRING),
            new Column("QuerySubtype", ColumnType.STRING),
            new Column("Provider", ColumnType.STRING),
            new Column("Result", ColumnType.BOOLEAN),
            new Column("Severity", ColumnType.STRING),
            new Column("Details", ColumnType.STRING),
            new Column("RawResult", ColumnType.JSON),
            new Column("Reference", ColumnType.STRING),
            new Column("Status", ColumnType.STRING));

    /** Columns of {@link #summaryStream()}: one row per observable. */
    public static final List<Column> SUMMARY_COLUMNS = List.of(
            new Column("Ioc", ColumnType.STRING),
            new Column("IocType", ColumnType.STRING),
            new Column("Severity", ColumnType.STRING),
            new Column("Result", ColumnType.BOOLEAN),
            new Column("FlaggedBy", ColumnType.STRING),
            new Column("Providers", ColumnType.STRING),
            new Column("Failed", ColumnType.STRING));

    private final List<TiRow> rows;
    private final List<String> warnings;
    private final Duration elapsed;

    TiResults(List<TiRow> rows, List<String> warnings, Duration elapsed) {
        this.rows = List.copyOf(rows);
        this.warnings = List.copyOf(warnings);
        this.elapsed = elapsed;
    }

    /** Every row. */
    public List<TiRow> rows() {
        return rows;
    }

    /** The rows about one observable (as given). */
    public List<TiRow> rowsFor(String ioc) {
        return rows.stream().filter(r -> r.ioc().equals(ioc.strip())).toList();
    }

    /** Things the caller should know that are not rows, e.g. a configured provider that could not be used. */
    public List<String> warnings() {
        return warnings;
    }

    /** How long the request took. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Rows answered from a cache. */
    public long cacheHits() {
        return rows.stream().filter(TiRow::cached).count();
    }

    /** The rows as a result table with {@link #COLUMNS}. */
    public ResultStream stream() {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (TiRow r : rows) {
            out.add(new Object[] {r.ioc(), r.type() == null ? null : r.type().id(), r.safeIoc(), r.subtype(), r.provider(), r.found(),
                    r.severity().id(), r.ok() ? TiResultJson.details(r.details()) : r.message(), r.rawJson(), r.reference(),
                    status(r.status())});
        }
        return ResultStream.of(COLUMNS, out);
    }

    /** The {@code Status} column's text: {@code ok}, {@code unsupported}, {@code invalid}, {@code throttled}, {@code error}. */
    public static String status(LookupStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** One summary per observable, in input order. */
    public List<IocSummary> summary() {
        Map<String, List<TiRow>> by = new LinkedHashMap<>();
        for (TiRow r : rows) {
            by.computeIfAbsent(r.ioc(), k -> new ArrayList<>()).add(r);
        }
        List<IocSummary> out = new ArrayList<>(by.size());
        for (Map.Entry<String, List<TiRow>> e : by.entrySet()) {
            Severity worst = Severity.UNKNOWN;
            boolean found = false;
            IocType type = null;
            List<TiRow> flagged = new ArrayList<>();
            List<String> answered = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (TiRow r : e.getValue()) {
                type = type == null ? r.type() : type;
                if (r.ok()) {
                    worst = worst.max(r.severity());
                    found |= r.found();
                    answered.add(r.provider());
                    if (r.severity().compareTo(Severity.WARNING) >= 0) {
                        flagged.add(r);
                    }
                } else {
                    failed.add(r.provider() + " (" + status(r.status()) + ")");
                }
            }
            flagged.sort(Comparator.comparing(TiRow::severity).reversed());
            out.add(new IocSummary(e.getKey(), type, worst, found, flagged.stream().map(TiRow::provider).toList(), answered, failed));
        }
        return out;
    }

    /** {@link #summary()} as a result table with {@link #SUMMARY_COLUMNS} (lists joined with {@code ", "}). */
    public ResultStream summaryStream() {
        List<Object[]> out = new ArrayList<>();
        for (IocSummary s : summary()) {
            out.add(new Object[] {s.ioc(), s.type() == null ? null : s.type().id(), s.severity().id(), s.found(),
                    String.join(", ", s.flaggedBy()), String.join(", ", s.answered()), String.join(", ", s.failed())});
        }
        return ResultStream.of(SUMMARY_COLUMNS, out);
    }

    @Override
    public String toString() {
        return "TiResults[" + rows.size() + " rows, " + elapsed.toMillis() + " ms]";
    }
}
