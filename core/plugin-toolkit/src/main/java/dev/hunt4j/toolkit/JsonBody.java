package dev.hunt4j.toolkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.hunt4j.api.Hunt4jException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;

/**
 * A response body read with Jackson's streaming parser straight from the socket: no body string, no tree, so
 * memory does not grow with the result. Closing it closes the response (cancelling the call when the body was not
 * read to its end). Failures are classified: a body that ends early is reported as truncated, bad JSON with its
 * line and column, and network errors, timeouts and cancellation through the {@link QueryScope}.
 */
public final class JsonBody implements Closeable {
    private final OpenResponse response;
    private final JsonParser parser;
    private final String what;

    /**
     * @param what what the body is, for messages, e.g. {@code "the Log Analytics response"}
     */
    public JsonBody(OpenResponse response, String what) {
        this.response = response;
        this.what = what;
        try {
            this.parser = JsonValues.FACTORY.createParser(response.body());
        } catch (IOException e) {
            response.close();
            throw response.scope().ioFailure(e, "reading " + what);
        }
    }

    /** The parser, for hot loops; wrap its {@link IOException}s with {@link #failure}. */
    public JsonParser parser() {
        return parser;
    }

    public QueryScope scope() {
        return response.scope();
    }

    /** The next token, failures classified; null at the end of the body. */
    public JsonToken next(String context) {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                response.markComplete();
            }
            return t;
        } catch (IOException e) {
            throw failure(e, context);
        }
    }

    /** Skips the structure the parser is on (no-op on a scalar). */
    public void skip(String context) {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw failure(e, context);
        }
    }

    /** Says the whole body was read, so the connection can be reused. */
    public void markComplete() {
        response.markComplete();
    }

    /**
     * The exception for an {@link IOException} raised while reading the body.
     *
     * @param context where in the result, e.g. {@code "after 1,234 rows"}
     */
    public Hunt4jException failure(IOException e, String context) {
        QueryScope scope = response.scope();
        String where = context == null || context.isEmpty() ? "" : " " + context;
        if (scope.isCancelled()) {
            return scope.cancelled();
        }
        if (e instanceof JsonEOFException || e instanceof EOFException
                || e instanceof JsonParseException && String.valueOf(e.getMessage()).contains("end-of-input")) {
            return scope.error(what + " ended early (truncated body)" + where + ": " + QueryScope.describe(e), e);
        }
        if (e instanceof JsonParseException jpe) {
            JsonLocation loc = jpe.getLocation();
            return scope.error(what + " is not valid JSON at line " + (loc == null ? "?" : loc.getLineNr()) + ", column "
                    + (loc == null ? "?" : loc.getColumnNr()) + where + ": " + jpe.getOriginalMessage(), e);
        }
        if (isTruncation(e)) {
            return scope.error(what + " ended early (connection closed before the end of the body)" + where + ": "
                    + QueryScope.describe(e), e);
        }
        return scope.ioFailure(e, "reading " + what + where);
    }

    /**
     * Runs {@code head}, the reading of everything before the first row (a result stream's constructor does this so
     * its columns are known). On any failure the body is closed, as no caller will get a stream to close; an
     * {@link IOException} becomes {@link #failure} "before the first row".
     */
    public <T> T readHead(Head<T> head) {
        try {
            return head.read();
        } catch (IOException e) {
            close();
            throw failure(e, "before the first row");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A read of the start of a body. */
    @FunctionalInterface
    public interface Head<T> {
        T read() throws IOException;
    }

    /** OkHttp's words for a body cut short by the server. */
    private static boolean isTruncation(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("unexpected end of stream") || m.contains("closed") && !m.contains("Canceled")
                || e instanceof java.net.ProtocolException;
    }

    @Override
    public void close() {
        // the response first: it cancels a half-read call, where closing the parser's stream would drain it
        response.close();
        try {
            parser.close();
        } catch (IOException ignored) {
            // the connection is already released
        }
    }
}
