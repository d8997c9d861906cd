package dev.hunt4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.ProviderCapability;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests every query provider passes. Extend it in the plugin's tests, point it at a backend with
 * known data, and JUnit runs the whole contract; tests for capabilities the factory does not declare are
 * skipped (reported as skipped, not passed).
 */
public abstract class QueryProviderContract {

    private QueryProvider provider;

    /** The factory under test. */
    protected abstract QueryProviderFactory factory();

    /** Settings that connect to a backend holding the test data. */
    protected abstract PluginSettings settings();

    /** A query returning at least 10 rows that have distinct values in {@link #timeColumn()}. */
    protected abstract String queryReturningRows();

    /** The timestamp column of {@link #queryReturningRows()}'s result. */
    protected abstract String timeColumn();

    /** A query the backend rejects (syntax error, unknown table or file). */
    protected abstract String invalidQuery();

    /** Resources (files, connections) the provider holds open right now, or -1 when it cannot tell. */
    protected long openResources() {
        return -1;
    }

    @BeforeEach
    void connect() {
        provider = factory().connect(settings());
        assertNotNull(provider, "connect() returned null");
    }

    @AfterEach
    void disconnect() {
        provider.close();
    }

    /** The connected provider, for subclasses adding their own tests. */
    protected QueryProvider provider() {
        return provider;
    }

    @Test
    void factoryDescribesItself() {
        assertFalse(factory().type().isBlank(), "type() is blank");
        assertFalse(factory().description().isBlank(), "description() is blank");
        assertNotNull(factory().language(), "language() is null");
        assertFalse(factory().dataEnvironments().isEmpty(), "dataEnvironments() is empty");
    }

    @Test
    void everyValueMatchesItsColumnType() {
        try (ResultStream rs = provider.execute(queryReturningRows(), QueryOptions.defaults())) {
            List<Column> columns = rs.columns();
            assertFalse(columns.isEmpty(), "no columns");
            int n = 0;
            for (Object[] row = rs.next(); row != null; row = rs.next(), n++) {
                assertEquals(columns.size(), row.length, "row " + n + " has " + row.length + " values for " + columns.size() + " columns");
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    Column c = columns.get(i);
                    if (v != null) {
                        assertTrue(c.type().javaType().isInstance(v), "row " + n + " column " + c.name() + " (" + c.type()
                                + ") holds a " + v.getClass().getSimpleName());
                    }
                }
            }
            assertTrue(n >= 10, "queryReturningRows() returned " + n + " rows, the contract needs at least 10");
        }
    }

    @Test
    void rowsAreNewArraysTheCallerMayKeepAndACompleteResultHasNoWarnings() {
        List<Object[]> kept = new ArrayList<>();
        List<Object[]> copies = new ArrayList<>();
        ResultStream rs = provider.execute(queryReturningRows(), QueryOptions.defaults());
        try (rs) {
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                kept.add(row);
                copies.add(row.clone());
            }
            assertEquals(List.of(), rs.warnings(), "a complete result reports warnings");
        }
        assertEquals(List.of(), rs.warnings(), "warnings() after close()");
        java.util.Set<Object[]> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        distinct.addAll(kept);
        assertEquals(kept.size(), distinct.size(), "next() returned the same array twice");
        for (int i = 0; i < kept.size(); i++) {
            assertTrue(java.util.Arrays.equals(copies.get(i), kept.get(i)), "row " + i + " changed after next() returned it");
        }
    }

    @Test
    void timeRangeIsHonoured() {
        assumeTrue(factory().capabilities().contains(ProviderCapability.TIME_RANGE), "provider does not declare TIME_RANGE");
        List<Instant> all = times(QueryOptions.defaults());
        List<Instant> sorted = all.stream().sorted().toList();
        Instant from = sorted.get(sorted.size() / 4);
        Instant to = sorted.get(sorted.size() * 3 / 4);
        TimeRange range = new TimeRange(from, to);
        long expected = all.stream().filter(range::contains).count();
        List<Instant> inRange = times(QueryOptions.defaults().withTimeRange(range));
        assertTrue(expected > 0 && expected < all.size(), "test data should have rows inside and outside " + range);
        assertEquals(expected, inRange.size(), "rows returned for " + range);
        inRange.forEach(t -> assertTrue(range.contains(t), t + " is outside " + range));
    }

    @Test
    void rowLimitIsHonoured() {
        assumeTrue(factory().capabilities().contains(ProviderCapability.ROW_LIMIT), "provider does not declare ROW_LIMIT");
        try (ResultStream rs = provider.execute(queryReturningRows(), QueryOptions.defaults().withMaxRows(3))) {
            assertEquals(3, rs.toList().size());
        }
    }

    @Test
    void invalidQueryGivesQueryException() {
        QueryException e = assertThrows(QueryException.class, () -> {
            try (ResultStream rs = provider.execute(invalidQuery(), QueryOptions.defaults())) {
                rs.toList();
            }
        });
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank(), "the error says nothing");
    }

    @Test
    void closeEarlyReleasesResources() {
        long before = openResources();
        ResultStream rs = provider.execute(queryReturningRows(), QueryOptions.defaults());
        assertNotNull(rs.next());
        rs.close();
        rs.close(); // idempotent
        if (before >= 0) {
            assertEquals(before, openResources(), "resources still open after close()");
        }
        Object[] after;
        try {
            after = rs.next();
        } catch (Hunt4jException expected) {
            after = null;
        }
        assertNull(after, "next() returned a row after close()");
    }

    @Test
    void cancellationStopsTheQuery() {
        assumeTrue(factory().capabilities().contains(ProviderCapability.CANCELLATION), "provider does not declare CANCELLATION");
        Cancellation cancellation = new Cancellation();
        try (ResultStream rs = provider.execute(queryReturningRows(), QueryOptions.defaults().withCancellation(cancellation))) {
            assertNotNull(rs.next());
            cancellation.cancel();
            QueryException e = assertThrows(QueryException.class, () -> {
                for (Object[] row = rs.next(); row != null; row = rs.next()) {
                    // a provider may hand out rows it already buffered, but must stop
                }
            });
            assertTrue(e.getMessage().toLowerCase().contains("cancel"), "message should say the query was cancelled: " + e.getMessage());
        }
    }

    private List<Instant> times(QueryOptions options) {
        List<Instant> out = new ArrayList<>();
        try (ResultStream rs = provider.execute(queryReturningRows(), options)) {
            int idx = -1;
            for (int i = 0; i < rs.columns().size(); i++) {
                if (rs.columns().get(i).name().equals(timeColumn())) {
                    idx = i;
                }
            }
            assertTrue(idx >= 0, "no column " + timeColumn() + " in " + rs.columns());
            assertEquals(ColumnType.TIMESTAMP, rs.columns().get(idx).type(), timeColumn() + " is not a TIMESTAMP column");
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                out.add((Instant) row[idx]);
            }
        }
        return out;
    }
}
