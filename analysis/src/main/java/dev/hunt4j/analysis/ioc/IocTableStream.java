package dev.hunt4j.analysis.ioc;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streaming result of table extraction. The caller's thread reads input rows in chunks (the input stream is
 * not thread-safe, so only this thread touches it) and hands each chunk to a worker; results are taken in
 * submission order, so the output order never depends on thread timing. At most a few chunks per thread are in
 * flight, which bounds memory for any input size.
 */
final class IocTableStream implements ResultStream {
    private static final int CHUNK_ROWS = 512;
    private static final long CHUNK_CHARS = 256 * 1024;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final IocExtractor extractor;
    private final ResultStream input;
    private final int[] idx;
    private final ExecutorService pool;
    private final int maxPending;
    private final ArrayDeque<Future<List<Object[]>>> pending = new ArrayDeque<>();
    private List<Object[]> current = List.of();
    private int pos;
    private long rowIndex;
    private boolean inputDone;
    private boolean closed;

    IocTableStream(IocExtractor extractor, ResultStream input, int[] idx, int parallelism) {
        this.extractor = extractor;
        this.input = input;
        this.idx = idx;
        if (parallelism > 1) {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(parallelism, r -> {
                Thread t = new Thread(r, "hunt4j-ioc-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.maxPending = parallelism * 3;
        } else {
            this.pool = null;
            this.maxPending = 1;
        }
    }

    @Override
    public List<Column> columns() {
        return IocExtractor.RESULT_COLUMNS;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        while (pos >= current.size()) {
            fill();
            Future<List<Object[]>> head = pending.poll();
            if (head == null) {
                close();
                return null;
            }
            current = await(head);
            pos = 0;
        }
        Object[] row = current.get(pos);
        current.set(pos++, null); // let the row go once handed out
        return row;
    }

    private void fill() {
        while (!inputDone && pending.size() < maxPending) {
            List<Object[]> rows = new ArrayList<>(CHUNK_ROWS);
            long first = rowIndex;
            long chars = 0;
            while (rows.size() < CHUNK_ROWS && chars < CHUNK_CHARS) {
                Object[] row = input.next();
                if (row == null) {
                    inputDone = true;
                    break;
                }
                rows.add(row);
                for (int c : idx) {
                    Object v = row[c];
                    chars += v instanceof String str ? str.length() : 16;
                }
                rowIndex++;
            }
            if (rows.isEmpty()) {
                break;
            }
            if (pool == null) {
                pending.add(CompletableFuture.completedFuture(process(rows, first)));
            } else {
                pending.add(pool.submit(() -> process(rows, first)));
            }
        }
    }

    private List<Object[]> process(List<Object[]> rows, long first) {
        List<Object[]> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            extractor.rowsFor(rows.get(r), idx, first + r, out);
        }
        return out;
    }

    private static List<Object[]> await(Future<List<Object[]>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Hunt4jException("interrupted while extracting IoCs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new Hunt4jException("IoC extraction failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        current = List.of();
        if (pool != null) {
            pool.shutdownNow();
        }
        input.close();
    }
}
