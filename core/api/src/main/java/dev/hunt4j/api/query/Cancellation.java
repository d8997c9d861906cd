package dev.hunt4j.api.query;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A flag a caller sets to stop a running query; providers check it between rows and may register callbacks to abort I/O. */
public final class Cancellation {
    private volatile boolean cancelled;
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public void cancel() {
        cancelled = true;
        for (Runnable r : callbacks) {
            r.run();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code callback} on cancellation (at once when already cancelled). */
    public void onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled) {
            callback.run();
        }
    }

    /**
     * Throws when cancelled; call between rows.
     *
     * @throws dev.hunt4j.api.QueryException saying the query was cancelled
     */
    public void check() {
        if (cancelled) {
            throw new dev.hunt4j.api.QueryException("query cancelled");
        }
    }
}
