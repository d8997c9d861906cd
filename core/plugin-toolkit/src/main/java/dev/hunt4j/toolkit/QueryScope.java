package dev.hunt4j.toolkit;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * Everything one running query shares across its HTTP calls: the deadline from {@link QueryOptions#timeout()},
 * the caller's {@link Cancellation} (which cancels every call in flight), and the provider's {@link Redactor}
 * for every message it produces. Thread-safe: chunks of one query run on several threads.
 */
public final class QueryScope {
    private final String service;
    private final Deadline deadline;
    private final Cancellation cancellation;
    private final Redactor redactor;
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final Object sleeper = new Object();
    private volatile boolean closed;

    /**
     * @param service  the backend's name as users know it, e.g. {@code Log Analytics}, used in every message
     * @param options  the query's options (deadline and cancellation)
     * @param redactor the provider's secrets
     */
    public QueryScope(String service, QueryOptions options, Redactor redactor) {
        this.service = service;
        this.deadline = Deadline.after(options.timeout());
        this.cancellation = options.cancellation();
        this.redactor = redactor;
        cancellation.onCancel(this::abort);
    }

    /** The backend's name, e.g. {@code Splunk}. */
    public String service() {
        return service;
    }

    public Deadline deadline() {
        return deadline;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** Whether the caller cancelled the query or its result was closed. */
    public boolean isCancelled() {
        return closed || cancellation.isCancelled();
    }

    /** Ends the scope when the query's result is closed: calls still in flight are cancelled. */
    public void close() {
        closed = true;
        abort();
    }

    /** Cancels {@code call} when the query is cancelled (at once if it already is). */
    public void track(Call call) {
        calls.add(call);
        if (isCancelled()) {
            call.cancel();
        }
    }

    public void untrack(Call call) {
        calls.remove(call);
    }

    private void abort() {
        calls.forEach(Call::cancel);
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /** @throws QueryException saying the query was cancelled, when it was */
    public void checkCancelled() {
        if (isCancelled()) {
            throw cancelled();
        }
    }

    /** @throws QueryException naming the limit, when the deadline has passed */
    public void checkDeadline(String during) {
        if (deadline.expired()) {
            throw timedOut(during);
        }
    }

    public QueryException cancelled() {
        return new QueryException(service + " query cancelled");
    }

    /** The error for a query that ran out of time; names the limit and where to raise it. */
    public QueryException timedOut(String during) {
        return new QueryException(redact(service + " query timed out after " + Texts.duration(deadline.limit())
                + (during == null ? "" : " while " + during)
                + " (limit: the query's timeout, QueryOptions.timeout; on the command line --timeout)"));
    }

    /** Classifies an I/O failure: cancellation, the deadline, or a network/protocol error (message redacted). */
    public Hunt4jException ioFailure(IOException e, String during) {
        if (isCancelled()) {
            return cancelled();
        }
        if (deadline.expired() || e instanceof java.io.InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
            // OkHttp's call timeout (set to the time left) reports as a plain InterruptedIOException
            return timedOut(during);
        }
        return error(service + " request failed while " + during + ": " + describe(e), e);
    }

    /** A {@link QueryException} whose message is redacted and whose cause is {@link Redactor#sanitize sanitized}. */
    public QueryException error(String message, Throwable cause) {
        return new QueryException(redact(message), redactor.sanitize(cause));
    }

    public QueryException error(String message) {
        return new QueryException(redact(message));
    }

    public String redact(String text) {
        return redactor.redact(text);
    }

    /** Waits {@code wait}, returning early (with an exception) on cancellation. */
    public void sleep(Duration wait, String why) {
        long end = System.nanoTime() + wait.toNanos();
        synchronized (sleeper) {
            while (true) {
                checkCancelled();
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw error(service + " query interrupted while " + why, e);
                }
            }
        }
    }

    /** An exception's class and message, for messages (redact before use). */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        String type = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : type + ": " + m;
    }
}
