package dev.hunt4j.toolkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Sink;
import okio.Timeout;

/** Response bodies for wire tests: generated while sent (huge results in constant memory) and cut short. */
public final class Bodies {
    private Bodies() {
    }

    /** Writes a body to the socket. */
    @FunctionalInterface
    public interface Writer {
        void write(BufferedSink sink) throws IOException;
    }

    /**
     * A body produced by {@code writer} as the client reads it; nothing is buffered whole. The writer runs twice:
     * once to count the bytes (MockWebServer needs a Content-Length), once to send them, so it must be repeatable.
     */
    public static MockResponseBody generated(Writer writer) {
        long length;
        try {
            CountingSink counter = new CountingSink();
            BufferedSink sink = Okio.buffer(counter);
            writer.write(sink);
            sink.flush();
            length = counter.count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MockResponseBody() {
            @Override
            public long getContentLength() {
                return length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                writer.write(sink);
                // MockWebServer does not flush what a body leaves in its buffer
                sink.flush();
            }
        };
    }

    private static final class CountingSink implements Sink {
        long count;

        @Override
        public void write(Buffer source, long byteCount) throws IOException {
            count += byteCount;
            source.skip(byteCount);
        }

        @Override
        public void flush() {
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {
        }
    }

    /**
     * A response that announces {@code full}'s length, but the server closes the connection half-way through
     * the body: what a client sees when a proxy or the service dies mid-response.
     */
    public static MockResponse cutHalfway(String full) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(full)
                .onResponseBody(new SocketEffect.CloseSocket()).build();
    }
}
