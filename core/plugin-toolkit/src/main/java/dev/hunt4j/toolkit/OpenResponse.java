package dev.hunt4j.toolkit;

import java.io.Closeable;
import java.io.InputStream;
import okhttp3.Call;
import okhttp3.Response;

/**
 * A successful response whose body has not been read yet; the caller streams the body and closes this. Closing
 * before the end cancels the call instead of draining the rest of the body.
 */
public final class OpenResponse implements Closeable {
    private final Response response;
    private final Call call;
    private final QueryScope scope;
    private final HttpTransport owner;
    private boolean closed;
    private volatile boolean complete;

    OpenResponse(Response response, Call call, QueryScope scope, HttpTransport owner) {
        this.response = response;
        this.call = call;
        this.scope = scope;
        this.owner = owner;
    }

    public int code() {
        return response.code();
    }

    /** A response header, or null. */
    public String header(String name) {
        return response.header(name);
    }

    /** The body as bytes, decompressed; read it once. */
    public InputStream body() {
        return response.body().byteStream();
    }

    /**
     * {@link #body()} for a large body read as fast as the socket gives it: over HTTP/1.x OkHttp times every read (at most
     * 8 KiB) with a timer that wakes its watchdog thread, one wake-up per read; here that timer is switched off for this
     * body, and a stall still ends after {@code read_timeout} through the socket's own read timeout, which OkHttp sets to
     * the same value for every HTTP/1.x exchange (a {@link java.net.SocketTimeoutException} either way). The next
     * exchange on the connection sets both again. Over HTTP/2 the same as {@link #body()}.
     */
    public InputStream bulkBody() {
        okhttp3.ResponseBody b = response.body();
        if (response.protocol() == okhttp3.Protocol.HTTP_1_1 || response.protocol() == okhttp3.Protocol.HTTP_1_0) {
            b.source().timeout().clearTimeout();
        }
        return b.byteStream();
    }

    /**
     * The whole body as text, for small answers (a job id, a status); never for results, which are streamed.
     *
     * @throws dev.hunt4j.api.QueryException when the body is larger than {@code maxBytes} or cannot be read
     */
    public String text(int maxBytes, String what) {
        try (InputStream in = body()) {
            byte[] b = in.readNBytes(maxBytes + 1);
            if (b.length > maxBytes) {
                throw scope.error(what + " is larger than " + maxBytes + " bytes");
            }
            complete = true;
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw scope.ioFailure(e, "reading " + what);
        } finally {
            close();
        }
    }

    /** The scope of the query this response belongs to. */
    public QueryScope scope() {
        return scope;
    }

    /** Says the body was read to its end, so closing can keep the connection for reuse. */
    public void markComplete() {
        complete = true;
    }

    /** Releases the connection; cancels the call unless {@link #markComplete()} was called. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (!complete) {
                // closing a half-read body would otherwise try to drain it first
                call.cancel();
            }
            response.close();
        } finally {
            scope.untrack(call);
            owner.released();
        }
    }
}
