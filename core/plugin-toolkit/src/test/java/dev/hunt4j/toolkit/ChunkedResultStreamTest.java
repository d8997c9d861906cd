package dev.hunt4j.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Splitting, bounded parallel opening, failure policies, row limit and column alignment. */
class ChunkedResultStreamTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final TimeRange WEEK = new TimeRange(T0, T0.plus(Duration.ofDays(7)));
    static final List<Column> COLS = List.of(new Column("TimeGenerated", ColumnType.TIMESTAMP), new Column("n", ColumnType.LONG));

    final ExecutorService pool = ChunkSettings.newExecutor("test");
    final AtomicInteger opening = new AtomicInteger();
    final AtomicInteger maxOpening = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    QueryScope scope() {
        return new QueryScope("TestService", QueryOptions.defaults(), new Redactor());
    }

    ChunkSettings settings(ChunkPolicy policy) {
        return new ChunkSettings(Duration.ofDays(1), 3, policy);
    }

    /** A chunk: 3 rows, one per 8 hours of its range; opening takes a little while, counted for the parallelism check. */
    ResultStream chunk(TimeRange r) {
        int now = opening.incrementAndGet();
        maxOpening.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            opening.decrementAndGet();
        }
        List<Object[]> rows = new ArrayList<>();
        for (int h = 0; h < 24; h += 8) {
            Instant t = r.start().plus(Duration.ofHours(h));
            if (r.contains(t)) {
                rows.add(new Object[] {t, t.getEpochSecond()});
            }
        }
        return ResultStream.of(COLS, rows);
    }

    List<Object[]> all(ResultStream rs) {
        return rs.toList();
    }

    @Test
    void splitsIntoDaysAndReturnsThemInOrderWithBoundedParallelism() {
        ChunkedResultStream rs = ChunkedResultStream.open(WEEK, settings(ChunkPolicy.FAIL_FAST), scope(), 0, pool, this::chunk);
        assertEquals(7, rs.chunks().size());
        List<Object[]> rows = all(rs);
        assertEquals(21, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(((Instant) rows.get(i)[0]).isAfter((Instant) rows.get(i - 1)[0]), "time order");
        }
        assertTrue(maxOpening.get() >= 2, "chunks were opened in parallel: " + maxOpening.get());
        assertTrue(maxOpening.get() <= 3, "at most max_parallel at once: " + maxOpening.get());
        assertFalse(rs.isPartial());
        assertEquals(21, rs.rowsReturned());
    }

    @Test
    void splittingEdges() {
        assertEquals(List.of(WEEK), TimeChunks.split(WEEK, null));
        assertEquals(List.of(WEEK), TimeChunks.split(WEEK, Duration.ofDays(7)));
        List<TimeRange> c = TimeChunks.split(WEEK, Duration.ofDays(3));
        assertEquals(3, c.size());
        assertEquals(Duration.ofDays(1), c.get(2).length());
        assertEquals(WEEK.end(), c.get(2).end());
        assertThrows(ConfigurationException.class, () -> TimeChunks.split(new TimeRange(T0, T0.plus(Duration.ofDays(3650))), Duration.ofMinutes(1)));
    }

    Function<TimeRange, ResultStream> failing(int badDay, RuntimeException error) {
        return r -> {
            if (r.start().equals(T0.plus(Duration.ofDays(badDay)))) {
                throw error;
            }
            return chunk(r);
        };
    }

    @Test
    void failFastNamesTheChunkAndTheCause() {
        ChunkedResultStream rs = ChunkedResultStream.open(WEEK, settings(ChunkPolicy.FAIL_FAST), scope(), 0, pool,
                failing(2, new QueryException("Log Analytics failed with HTTP 503: busy"))::apply);
        assertEquals(6, java.util.stream.Stream.generate(rs::next).limit(6).filter(java.util.Objects::nonNull).count());
        QueryException e = assertThrows(QueryException.class, rs::next);
        assertTrue(e.getMessage().contains("time chunk 3 of 7 (2024-01-03T00:00:00Z..2024-01-04T00:00:00Z)"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 503: busy"), e.getMessage());
        assertTrue(e.getMessage().contains("on_chunk_error: keep"), e.getMessage());
        rs.close();
    }

    @Test
    void keepPartialSkipsTheChunkAndRecordsIt() {
        ThrottledException cause = new ThrottledException("throttled", Duration.ofMinutes(5));
        ChunkedResultStream rs = ChunkedResultStream.open(WEEK, settings(ChunkPolicy.KEEP_PARTIAL), scope(), 0, pool,
                failing(4, cause)::apply);
        assertEquals(18, all(rs).size());
        assertTrue(rs.isPartial());
        assertEquals(1, rs.failures().size());
        ChunkFailure f = rs.failures().get(0);
        assertEquals(4, f.index());
        assertEquals(new TimeRange(T0.plus(Duration.ofDays(4)), T0.plus(Duration.ofDays(5))), f.range());
        assertTrue(f.describe().contains("throttled"), f.describe());
        // the same, as text, for callers that only see the API's ResultStream
        assertEquals(1, rs.warnings().size(), rs.warnings().toString());
        assertTrue(rs.warnings().get(0).contains("time chunk 5 of 7 (" + f.range() + ") failed: throttled"), rs.warnings().get(0));
    }

    @Test
    void keepPartialReportsAChunkThatBreaksMidway() {
        ChunkedResultStream rs = ChunkedResultStream.open(WEEK, settings(ChunkPolicy.KEEP_PARTIAL), scope(), 0, pool, r -> {
            ResultStream inner = chunk(r);
            if (!r.start().equals(T0.plus(Duration.ofDays(1)))) {
                return inner;
            }
            return new ResultStream() {
                int n;

                @Override
                public List<Column> columns() {
                    return COLS;
                }

                @Override
                public Object[] next() {
                    if (n++ == 1) {
                        throw new QueryException("the response ended early (truncated body)");
                    }
                    return inner.next();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        });
        assertEquals(19, all(rs).size());
        assertEquals(1, rs.failures().get(0).rowsRead());
        assertTrue(rs.failures().get(0).describe().contains("after 1 rows"), rs.failures().get(0).describe());
    }

    @Test
    void failuresThatHitEveryChunkStopEvenWhenKeeping() {
        assertThrows(AuthenticationException.class, () -> ChunkedResultStream.open(WEEK, settings(ChunkPolicy.KEEP_PARTIAL), scope(),
                0, pool, failing(0, new AuthenticationException("bad token"))::apply));
        ServiceRejection syntax = new ServiceRejection("Syntax error", 400);
        ServiceRejection thrown = assertThrows(ServiceRejection.class, () -> ChunkedResultStream.open(WEEK,
                settings(ChunkPolicy.KEEP_PARTIAL), scope(), 0, pool, failing(0, syntax)::apply));
        assertEquals(syntax, thrown, "the first chunk's rejection comes out unchanged");
    }

    @Test
    void everyChunkFailingIsAnError() {
        QueryException e = assertThrows(QueryException.class, () -> ChunkedResultStream.open(WEEK, settings(ChunkPolicy.KEEP_PARTIAL),
                scope(), 0, pool, r -> {
                    throw new QueryException("down");
                }));
        assertTrue(e.getMessage().contains("every one of its 7 time chunks"), e.getMessage());
    }

    @Test
    void theRowLimitSpansChunksAndStopsOpeningMore() {
        AtomicInteger opened = new AtomicInteger();
        ChunkedResultStream rs = ChunkedResultStream.open(WEEK, new ChunkSettings(Duration.ofDays(1), 1, ChunkPolicy.FAIL_FAST),
                scope(), 5, pool, r -> {
                    opened.incrementAndGet();
                    return chunk(r);
                });
        assertEquals(5, all(rs).size());
        assertEquals(2, opened.get());
        assertNull(rs.next());
    }

    @Test
    void cancellationStopsBetweenRows() {
        Cancellation c = new Cancellation();
        ChunkedResultStream rs = ChunkedResultStream.open(WEEK, settings(ChunkPolicy.KEEP_PARTIAL),
                new QueryScope("TestService", QueryOptions.defaults().withCancellation(c), new Redactor()), 0, pool, this::chunk);
        rs.next();
        c.cancel();
        QueryException e = assertThrows(QueryException.class, rs::next);
        assertTrue(e.getMessage().contains("cancelled"));
        rs.close();
    }

    @Test
    void laterChunksAreAlignedByColumnName() {
        List<Column> reordered = List.of(new Column("extra", ColumnType.STRING), new Column("n", ColumnType.DOUBLE),
                new Column("TimeGenerated", ColumnType.TIMESTAMP));
        TimeRange twoDays = new TimeRange(T0, T0.plus(Duration.ofDays(2)));
        ChunkedResultStream rs = ChunkedResultStream.open(twoDays, settings(ChunkPolicy.FAIL_FAST), scope(), 0, pool,
                r -> r.start().equals(T0) ? chunk(r) : ResultStream.of(reordered, List.<Object[]>of(new Object[] {"x", 7.0, r.start()})));
        List<Object[]> rows = all(rs);
        assertEquals(4, rows.size());
        Object[] last = rows.get(3);
        assertEquals(T0.plus(Duration.ofDays(1)), last[0]);
        assertEquals(7L, last[1]);
        assertEquals(2, last.length);
    }

    @Test
    void noTimeRangeMeansOneChunk() {
        List<TimeRange> seen = new ArrayList<>();
        ChunkedResultStream rs = ChunkedResultStream.open(null, settings(ChunkPolicy.FAIL_FAST), scope(), 0, pool, r -> {
            seen.add(r);
            return chunk(WEEK);
        });
        assertEquals(3, all(rs).size());
        assertEquals(1, seen.size());
        assertNull(seen.get(0));
    }

    @Test
    void settingsAreValidated() {
        ChunkSettings s = ChunkSettings.from(new PluginSettings("x", "providers.x", Map.of("split_by", "1d", "max_parallel", 2,
                "on_chunk_error", "keep"), null));
        assertEquals(new ChunkSettings(Duration.ofDays(1), 2, ChunkPolicy.KEEP_PARTIAL), s);
        assertEquals(ChunkSettings.defaults(), ChunkSettings.from(PluginSettings.empty("x")));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ChunkSettings.from(
                new PluginSettings("x", "providers.x", Map.of("on_chunk_error", "ignore"), null)));
        assertTrue(e.getMessage().contains("providers.x.on_chunk_error"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> ChunkSettings.from(new PluginSettings("x", "providers.x",
                Map.of("max_parallel", 0), null)));
    }
}
