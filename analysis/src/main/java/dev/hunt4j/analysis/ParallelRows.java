package dev.hunt4j.analysis;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Processes the rows of a stream in chunks on several threads and yields the results in input order, streaming:
 * the shared engine behind table IoC extraction, masking and the command line's CSV reading and writing.
 *
 * <p>The thread that calls {@link #next()} reads the input (a {@link ResultStream} is not thread-safe, so only
 * that thread touches it), cuts it into chunks and queues them for worker threads; results are taken in
 * submission order, so the output order never depends on thread timing. When the chunk it needs next is not
 * finished, the calling thread does not wait idle: it processes chunks no worker has started yet itself. At
 * most a few chunks per thread are in flight, which bounds memory for any input size.
 *
 * <p>Up to {@code parallelism} threads work on a stream: the caller and {@code parallelism - 1} workers. The
 * workers come from one small pool shared by all streams (one thread fewer than the processors: the callers
 * make up the rest), so a pipeline of several stages, say read, mask and write, keeps every core busy without
 * running more threads than cores. Its daemon threads end after a few idle seconds. With parallelism 1 the
 * chunks are processed on the calling thread only. A failure in a chunk is thrown from {@link #next()}.
 *
 * <pre>{@code
 * ResultStream out = ParallelRows.over(input).parallelism(4).name("masking")
 *         .map((rows, first) -> { ... return rows; });
 * }</pre>
 */
public final class ParallelRows implements ResultStream {
    /** The work on one chunk; called on a worker thread or the caller's, never twice for a chunk. */
    @FunctionalInterface
    public interface ChunkFunction {
        /**
         * The output rows for {@code rows}, which are input rows {@code first}, {@code first + 1}, ... (0-based).
         * May reuse and return {@code rows} itself.
         */
        List<Object[]> apply(List<Object[]> rows, long first);
    }

    /** Idle shared workers end after this long. */
    private static final long IDLE_SECONDS = 3;
    private static volatile ThreadPoolExecutor shared;

    private final ResultStream input;
    private final List<Column> columns;
    private final ChunkFunction fn;
    private final int chunkRows;
    private final long chunkChars;
    private final int[] weighed;
    private final String name;
    private final int maxPending;
    /** Workers this stream may occupy at a time. */
    private final int maxDrains;
    private final AtomicInteger drains = new AtomicInteger();
    /** Chunks for the workers; the caller runs them too (a chunk runs once, whoever takes it first). */
    private final ConcurrentLinkedQueue<FutureTask<List<Object[]>>> queue = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<FutureTask<List<Object[]>>> pending = new ArrayDeque<>();
    private List<Object[]> current = List.of();
    private int pos;
    private long rowIndex;
    private boolean inputDone;
    private boolean closed;

    private ParallelRows(Builder b, ChunkFunction fn) {
        this.input = b.input;
        this.columns = b.columns != null ? b.columns : b.input.columns();
        this.fn = fn;
        this.chunkRows = b.chunkRows;
        this.chunkChars = b.chunkChars;
        this.weighed = b.weighed;
        this.name = b.name;
        this.maxDrains = b.parallelism - 1;
        // enough queued work that no thread waits for the reader, few enough to keep memory bounded
        this.maxPending = b.parallelism > 1 ? b.parallelism * 2 : 1;
    }

    /** The workers shared by all streams: one per processor but one (the callers work too), at least one. */
    private static ThreadPoolExecutor sharedPool() {
        ThreadPoolExecutor p = shared;
        if (p == null) {
            synchronized (ParallelRows.class) {
                p = shared;
                if (p == null) {
                    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
                    ThreadFactory factory = new ThreadFactory() {
                        private final AtomicInteger n = new AtomicInteger();

                        @Override
                        public Thread newThread(Runnable r) {
                            Thread t = new Thread(r, "hunt4j-worker-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        }
                    };
                    p = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), factory);
                    p.allowCoreThreadTimeOut(true);
                    shared = p;
                }
            }
        }
        return p;
    }

    /** Starts describing the processing of {@code input}. */
    public static Builder over(ResultStream input) {
        return new Builder(Objects.requireNonNull(input, "input"));
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        while (pos >= current.size()) {
            fill();
            FutureTask<List<Object[]>> head = pending.poll();
            if (head == null) {
                close();
                return null;
            }
            current = await(head);
            pos = 0;
        }
        return current.get(pos++);
    }

    /** Reads and submits chunks until enough are in flight or the input ends. */
    private void fill() {
        while (!inputDone && pending.size() < maxPending) {
            List<Object[]> rows = new ArrayList<>(Math.min(chunkRows, 1024));
            long first = rowIndex;
            long chars = 0;
            while (rows.size() < chunkRows && chars < chunkChars) {
                Object[] row = input.next();
                if (row == null) {
                    inputDone = true;
                    break;
                }
                rows.add(row);
                if (weighed != null) {
                    for (int c : weighed) {
                        Object v = row[c];
                        chars += v instanceof String str ? str.length() : 16;
                    }
                }
                rowIndex++;
            }
            if (rows.isEmpty()) {
                break;
            }
            FutureTask<List<Object[]>> task = new FutureTask<>(() -> fn.apply(rows, first));
            pending.add(task);
            if (maxDrains > 0) {
                queue.add(task);
                // only this thread adds workers; one that is just finishing may leave a chunk to the caller
                if (drains.get() < maxDrains) {
                    drains.incrementAndGet();
                    sharedPool().execute(this::drain);
                }
            }
        }
    }

    /** A worker's turn on this stream: runs queued chunks until there are none. */
    private void drain() {
        try {
            for (FutureTask<List<Object[]>> t = queue.poll(); t != null; t = queue.poll()) {
                t.run();
            }
        } finally {
            drains.decrementAndGet();
        }
    }

    private List<Object[]> await(FutureTask<List<Object[]>> task) {
        if (maxDrains == 0) {
            task.run();
        }
        // the caller helps instead of waiting: it runs the oldest chunks no worker has taken (this one first,
        // unless a worker has it), off the same queue, so a chunk done by either never lingers there
        while (!task.isDone()) {
            FutureTask<List<Object[]>> t = queue.poll();
            if (t == null) {
                break;
            }
            t.run();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Hunt4jException("interrupted in " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new Hunt4jException(name + " failed: " + cause, cause);
        }
    }

    @Override
    public List<String> warnings() {
        return input.warnings();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.forEach(f -> f.cancel(false)); // no interrupt: the shared workers go on with other work
        pending.clear();
        queue.clear();
        current = List.of();
        input.close();
    }

    /** Describes the processing: threads, chunk size, output columns. */
    public static final class Builder {
        private final ResultStream input;
        private List<Column> columns;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int chunkRows = 512;
        private long chunkChars = Long.MAX_VALUE;
        private int[] weighed;
        private String name = "row processing";

        private Builder(ResultStream input) {
            this.input = input;
        }

        /** The output columns (default: the input's). */
        public Builder columns(List<Column> columns) {
            this.columns = List.copyOf(columns);
            return this;
        }

        /**
         * Threads at most, the caller's included (default: available processors; no more than that run at once,
         * whatever this says); 1 runs on the caller only.
         */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** At most this many rows per chunk (default 512). */
        public Builder chunkRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("chunk rows must be at least 1, got " + rows);
            }
            this.chunkRows = rows;
            return this;
        }

        /**
         * Also ends a chunk once the text in these columns reaches {@code chars} characters (non-strings count
         * 16), so chunks of long cells stay small and balanced.
         */
        public Builder chunkChars(long chars, int... columns) {
            if (chars < 1) {
                throw new IllegalArgumentException("chunk chars must be at least 1, got " + chars);
            }
            this.chunkChars = chars;
            this.weighed = columns.clone();
            return this;
        }

        /** What the processing is called in error messages (default {@code row processing}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The resulting stream; closing it closes the input. */
        public ResultStream map(ChunkFunction fn) {
            return new ParallelRows(this, Objects.requireNonNull(fn, "fn"));
        }
    }
}
