package dev.hunt4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelRowsTest {
    private static final List<Column> COLS = List.of(new Column("n", ColumnType.LONG));

    /** Rows 0, 1, 2, ... counting what was read and whether it was closed. */
    static final class Counter implements ResultStream {
        final long size;
        volatile long read;
        volatile boolean closed;

        Counter(long size) {
            this.size = size;
        }

        @Override
        public List<Column> columns() {
            return COLS;
        }

        @Override
        public Object[] next() {
            return read < size ? new Object[] {read++} : null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Each row twice, after a random pause: chunks finish out of order. */
    private static List<Object[]> doubleSlowly(List<Object[]> rows, long first) {
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(first + i, rows.get(i)[0], "chunk rows are numbered from first");
            out.add(rows.get(i));
            out.add(rows.get(i));
        }
        return out;
    }

    @Test
    void outputIsInInputOrderWhateverTheThreads() {
        for (int parallelism : new int[] {1, 2, 3, 8}) {
            Counter in = new Counter(20_000);
            List<Object[]> out = ParallelRows.over(in).parallelism(parallelism).chunkRows(97)
                    .map(ParallelRowsTest::doubleSlowly).toList();
            assertEquals(40_000, out.size());
            for (int i = 0; i < out.size(); i++) {
                assertEquals((long) (i / 2), out.get(i)[0], "row " + i + " with parallelism " + parallelism);
            }
            assertTrue(in.closed, "exhausting the stream closes the input");
        }
    }

    @Test
    void noMoreThanParallelismChunksRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Object[]> out = ParallelRows.over(new Counter(50_000)).parallelism(2).chunkRows(100)
                .map((rows, first) -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    running.decrementAndGet();
                    return rows;
                }).toList();
        assertEquals(50_000, out.size());
        assertTrue(most.get() <= 2, "at most parallelism chunks at a time: " + most.get());
    }

    @Test
    void parallelismOneRunsOnTheCaller() {
        String caller = Thread.currentThread().getName();
        List<Object[]> out = ParallelRows.over(new Counter(1000)).parallelism(1).map((rows, first) -> {
            assertEquals(caller, Thread.currentThread().getName());
            return rows;
        }).toList();
        assertEquals(1000, out.size());
    }

    @Test
    void readsAheadBoundedAndClosesEarly() {
        Counter in = new Counter(10_000_000);
        ResultStream out = ParallelRows.over(in).parallelism(4).chunkRows(100).map((rows, first) -> rows);
        assertEquals(0L, out.next()[0]);
        assertTrue(in.read <= 4 * 3 * 100, "read ahead " + in.read + " rows");
        out.close();
        assertTrue(in.closed);
        assertNull(out.next());
    }

    @Test
    void chunksAreCutByTextSizeToo() {
        List<Column> cols = List.of(new Column("text", ColumnType.STRING));
        String big = "x".repeat(1000);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Object[] {big});
        }
        AtomicInteger largest = new AtomicInteger();
        ParallelRows.over(ResultStream.of(cols, rows)).parallelism(2).chunkRows(512).chunkChars(5000, 0)
                .map((chunk, first) -> {
                    largest.accumulateAndGet(chunk.size(), Math::max);
                    return chunk;
                }).toList();
        assertEquals(5, largest.get());
    }

    @Test
    void failuresReachTheCallerAfterTheRowsBeforeThem() {
        Counter in = new Counter(10_000);
        ResultStream out = ParallelRows.over(in).parallelism(2).chunkRows(10).map((rows, first) -> {
            if (first == 500) {
                throw new IllegalStateException("boom");
            }
            return rows;
        });
        for (int i = 0; i < 500; i++) {
            assertEquals((long) i, out.next()[0]);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, out::next);
        assertEquals("boom", e.getMessage());
        out.close();
        assertTrue(in.closed);
    }

    @Test
    void emptyInputAndEmptyChunks() {
        assertNull(ParallelRows.over(new Counter(0)).parallelism(2).map((rows, first) -> rows).next());
        List<Object[]> out = ParallelRows.over(new Counter(1000)).parallelism(2).chunkRows(10)
                .map((rows, first) -> first % 20 == 0 ? List.of() : rows).toList();
        assertEquals(500, out.size());
    }

    @Test
    void columnsDefaultToTheInputs() {
        List<Column> other = List.of(new Column("m", ColumnType.STRING));
        assertEquals(COLS, ParallelRows.over(new Counter(1)).map((rows, first) -> rows).columns());
        assertEquals(other, ParallelRows.over(new Counter(1)).columns(other).map((rows, first) -> rows).columns());
        assertThrows(IllegalArgumentException.class, () -> ParallelRows.over(new Counter(1)).parallelism(0));
        assertThrows(IllegalArgumentException.class, () -> ParallelRows.over(new Counter(1)).chunkRows(0));
    }
}
