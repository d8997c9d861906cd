package dev.hunt4j.toolkit;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query result made of time chunks, returned in time order as one stream. The first chunk is opened by the
 * caller's thread (so a bad query fails in {@code execute}); up to {@code max_parallel - 1} further chunks are
 * opened ahead on the pool. "Opened" means the service has answered and the body is ready to be read, so the
 * slow part runs in parallel while memory stays bounded: each open chunk holds only its connection's buffers.
 *
 * <p>A failed chunk follows the {@link ChunkPolicy}: {@code FAIL_FAST} throws an exception naming the chunk's
 * range and cause; {@code KEEP_PARTIAL} skips it, lists it in {@link #warnings()} (range and error, so the caller sees
 * it on the result), logs it at WARN, and logs a WARN summary after the last row.
 * Failures that would hit every chunk are never skipped: authentication, configuration, cancellation, the
 * query's timeout, and a rejection of the very first chunk (e.g. a syntax error). Nothing is dropped silently.
 *
 * <p>Also enforces the row limit, checks cancellation before every row, and aligns the columns of later chunks
 * to the first chunk's by name. Not thread-safe (like every {@link ResultStream}).
 */
public final class ChunkedResultStream implements ResultStream, PartialResult {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkedResultStream.class);

    /** Opens one chunk: runs the query for {@code range} (null: no time range) and returns its rows. */
    @FunctionalInterface
    public interface Opener {
        ResultStream open(TimeRange range);
    }

    private final List<TimeRange> chunks;
    private final Opener opener;
    private final ChunkSettings settings;
    private final QueryScope scope;
    private final long maxRows;
    private final ExecutorService pool;
    private final Deque<CompletableFuture<ResultStream>> ahead = new ArrayDeque<>();
    private final List<ChunkFailure> failures = new ArrayList<>();
    private List<Column> columns;
    private int nextToSubmit;
    private int currentIndex = -1;
    private ResultStream current;
    private int[] mapping;
    private long delivered;
    private long chunkRows;
    private boolean succeededOnce;
    private boolean closed;
    private boolean finished;

    private ChunkedResultStream(List<TimeRange> chunks, Opener opener, ChunkSettings settings, QueryScope scope,
                                long maxRows, ExecutorService pool) {
        this.chunks = chunks;
        this.opener = opener;
        this.settings = settings;
        this.scope = scope;
        this.maxRows = maxRows;
        this.pool = pool;
    }

    /**
     * Runs a query over {@code range} split by {@code settings}, opening the first chunk before returning.
     *
     * @param range   the query's time range, or null for none (then there is one chunk, opened with null)
     * @param maxRows the most rows to return, 0 for no limit
     * @param pool    where chunks are opened ahead (see {@link ChunkSettings#newExecutor})
     * @throws Hunt4jException when the first chunk fails and the policy (or the kind of failure) says stop
     */
    public static ChunkedResultStream open(TimeRange range, ChunkSettings settings, QueryScope scope, long maxRows,
                                           ExecutorService pool, Opener opener) {
        List<TimeRange> chunks = range == null ? Collections.singletonList(null) : TimeChunks.split(range, settings.splitBy());
        ChunkedResultStream s = new ChunkedResultStream(chunks, opener, settings, scope, maxRows, pool);
        try {
            s.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void start() {
        nextToSubmit = 1;
        while (true) {
            if (!advance()) {
                // every chunk failed (keep-partial); there are no columns to show
                throw scope.error(scope.service() + " query failed in every one of its " + chunks.size() + " time chunks: "
                        + failures.get(0).describe() + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""));
            }
            if (current != null) {
                return;
            }
        }
    }

    /**
     * Moves to the next chunk: opens it (the first synchronously, the others from the look-ahead queue).
     * Returns false when there is none left; leaves {@code current} null when the chunk failed and was skipped.
     */
    private boolean advance() {
        currentIndex++;
        if (currentIndex >= chunks.size()) {
            return false;
        }
        chunkRows = 0;
        TimeRange range = chunks.get(currentIndex);
        ResultStream opened;
        try {
            if (currentIndex == 0) {
                submitAhead();
                opened = opener.open(range);
            } else {
                CompletableFuture<ResultStream> f = ahead.poll();
                submitAhead();
                // with max_parallel 1 nothing is opened ahead
                opened = f == null ? opener.open(range) : await(f, range);
            }
        } catch (Hunt4jException e) {
            chunkFailed(e);
            current = null;
            return true;
        }
        attach(opened);
        return true;
    }

    /** Keeps {@code max_parallel - 1} chunks opening ahead of the one being read. */
    private void submitAhead() {
        while (nextToSubmit < chunks.size() && ahead.size() < settings.maxParallel() - 1) {
            TimeRange r = chunks.get(nextToSubmit++);
            ahead.add(CompletableFuture.supplyAsync(() -> opener.open(r), pool));
        }
    }

    private ResultStream await(CompletableFuture<ResultStream> f, TimeRange range) {
        while (true) {
            scope.checkCancelled();
            long left = scope.deadline().remaining().toMillis();
            if (left <= 0) {
                throw scope.timedOut("waiting for time chunk " + range);
            }
            try {
                // short slices, so cancellation is noticed even if the opener is stuck
                return f.get(Math.min(left, 200), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // keep waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw scope.error(scope.service() + " query interrupted while waiting for time chunk " + range, e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof Hunt4jException h) {
                    throw h;
                }
                throw scope.error(scope.service() + " query failed in time chunk " + range + ": " + QueryScope.describe(c), c);
            }
        }
    }

    private void attach(ResultStream opened) {
        if (columns == null) {
            columns = List.copyOf(opened.columns());
            mapping = null;
        } else {
            mapping = align(opened.columns());
        }
        current = opened;
        succeededOnce = true;
    }

    /** Positions of this chunk's columns in the first chunk's layout (-1: dropped), or null when identical. */
    private int[] align(List<Column> theirs) {
        if (theirs.equals(columns)) {
            return null;
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byName.put(columns.get(i).name(), i);
        }
        int[] m = new int[theirs.size()];
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < theirs.size(); i++) {
            Integer at = byName.get(theirs.get(i).name());
            m[i] = at == null ? -1 : at;
            if (at == null) {
                extra.add(theirs.get(i).name());
            }
        }
        if (!extra.isEmpty()) {
            LOG.warn(scope.redact(scope.service() + ": time chunk " + (currentIndex + 1) + " of " + chunks.size() + " ("
                    + chunks.get(currentIndex) + ") has columns the first chunk did not have, which are left out: " + extra));
        }
        return m;
    }

    private void chunkFailed(Hunt4jException e) {
        if (current != null) {
            current.close();
            current = null;
        }
        ChunkFailure f = new ChunkFailure(currentIndex, chunks.size(), chunks.get(currentIndex), e, chunkRows);
        boolean fatal = e instanceof AuthenticationException || e instanceof ConfigurationException || scope.isCancelled()
                || scope.deadline().expired() || e instanceof ServiceRejection && !succeededOnce && currentIndex == 0;
        if (fatal || settings.policy() == ChunkPolicy.FAIL_FAST) {
            if (chunks.size() == 1 || fatal && currentIndex == 0) {
                throw e;
            }
            String advice = fatal ? "" : "; rows of earlier chunks were returned (" + delivered
                    + "); set on_chunk_error: keep to get the other chunks despite a failed one";
            throw withContext(e, f.describe() + advice);
        }
        failures.add(f);
        LOG.warn(scope.redact(scope.service() + " query: " + f.describe() + "; skipping it (on_chunk_error: keep), the result is partial"));
    }

    /** The same kind of exception with a new message, so callers can still tell throttling from other failures. */
    private static Hunt4jException withContext(Hunt4jException e, String message) {
        if (e instanceof ThrottledException t) {
            return new ThrottledException(message, t.retryAfter().orElse(null));
        }
        if (e instanceof AuthenticationException) {
            return new AuthenticationException(message, e);
        }
        return new QueryException(message, e);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (closed || finished) {
            return null;
        }
        scope.checkCancelled();
        if (maxRows > 0 && delivered >= maxRows) {
            finish();
            return null;
        }
        while (true) {
            if (current == null) {
                if (!advance()) {
                    finish();
                    return null;
                }
                continue;
            }
            Object[] row;
            try {
                row = current.next();
            } catch (Hunt4jException e) {
                chunkFailed(e);
                continue;
            }
            if (row == null) {
                current.close();
                current = null;
                continue;
            }
            delivered++;
            chunkRows++;
            return mapping == null ? row : remap(row);
        }
    }

    private Object[] remap(Object[] row) {
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < mapping.length && i < row.length; i++) {
            int at = mapping[i];
            if (at >= 0) {
                out[at] = convert(row[i], columns.get(at));
            }
        }
        return out;
    }

    /** A value of a later chunk in the first chunk's column type. */
    private Object convert(Object v, Column c) {
        if (v == null || c.type().javaType().isInstance(v)) {
            return v;
        }
        ColumnType t = c.type();
        if (t == ColumnType.STRING || t == ColumnType.JSON) {
            return v.toString();
        }
        if (t == ColumnType.DOUBLE && v instanceof Number n) {
            return n.doubleValue();
        }
        if (t == ColumnType.LONG && v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (t == ColumnType.TIMESTAMP && v instanceof String s) {
            return Timestamps.parse(s);
        }
        throw scope.error(scope.service() + ": column " + c.name() + " is " + t + " in the first time chunk but time chunk "
                + (currentIndex + 1) + " (" + chunks.get(currentIndex) + ") returned " + v.getClass().getSimpleName() + " '" + v + "'");
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(scope.service() + " query returned a PARTIAL result: " + failures.size() + " of "
                    + chunks.size() + " time chunks failed and were skipped (on_chunk_error: keep); " + delivered + " rows returned. Missing:");
            for (ChunkFailure f : failures) {
                sb.append("\n  ").append(f.describe());
            }
            LOG.warn(scope.redact(sb.toString()));
        }
        close();
    }

    @Override
    public List<ChunkFailure> failures() {
        return List.copyOf(failures);
    }

    /** One line per skipped chunk ({@link ChunkFailure#describe()}): which range, and the error. */
    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>(failures.size());
        for (ChunkFailure f : failures) {
            out.add(scope.redact(scope.service() + " query: " + f.describe() + "; skipped (on_chunk_error: keep)"));
        }
        return out;
    }

    @Override
    public long rowsReturned() {
        return delivered;
    }

    /** The chunks this query was split into. */
    public List<TimeRange> chunks() {
        return chunks;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
        for (CompletableFuture<ResultStream> f : ahead) {
            // a chunk still opening is closed as soon as it arrives
            f.whenComplete((rs, err) -> {
                if (rs != null) {
                    rs.close();
                }
            });
        }
        ahead.clear();
        // stops chunks still being fetched ahead, and anything else this query has in flight
        scope.close();
    }
}
