package dev.hunt4j.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A loopback HTTP/1.1 server just large enough for a client benchmark: keep-alive connections, request bodies with a
 * {@code Content-Length}, one thread per connection, and answers written with one channel write from direct buffers
 * made once per distinct answer, so the server costs little next to the client it serves (the JDK's {@code HttpServer}
 * costs about as much as the client here). Not a general server: no chunked requests, no pipelining checks.
 */
final class LoopbackServer implements Closeable {
    /**
     * The answer's body (JSON) for a request, or null for a 404. Answers are kept as direct buffers by the array's
     * identity, so a handler returns arrays it made once, not a new one per request.
     */
    interface Handler {
        byte[] answer(String method, String path, String body) throws IOException;
    }

    private final ServerSocketChannel channel;
    private final Handler handler;
    private final Map<byte[], ByteBuffer> direct = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile boolean closed;

    LoopbackServer(Handler handler) throws IOException {
        this.handler = handler;
        channel = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Thread accept = new Thread(this::accept, "loopback-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel c = channel.accept();
                Thread t = new Thread(() -> serve(c), "loopback-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(c), 1 << 16);
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).trim());
                    }
                }
                String body = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
                String[] parts = requestLine.split(" ");
                String target = parts[1];
                int q = target.indexOf('?');
                byte[] answer = handler.answer(parts[0], q < 0 ? target : target.substring(0, q), body);
                int status = answer == null ? 404 : 200;
                if (answer == null) {
                    answer = ("{\"error\":{\"type\":\"not_found\",\"reason\":\"not served here: " + requestLine + "\"},\"status\":404}")
                            .getBytes(StandardCharsets.UTF_8);
                }
                ByteBuffer head = ByteBuffer.wrap(("HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found")
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + answer.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                ByteBuffer content = status == 200
                        ? direct.computeIfAbsent(answer, a -> ByteBuffer.allocateDirect(a.length).put(a).flip()).duplicate()
                        : ByteBuffer.wrap(answer); // made for this request: not kept
                ByteBuffer[] both = {head, content};
                while (content.hasRemaining()) {
                    c.write(both);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client closed the connection
        }
    }

    /** One CRLF-terminated line without its end, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        for (int ch = in.read(); ch >= 0; ch = in.read()) {
            if (ch == '\n') {
                int n = b.size();
                String s = b.toString(StandardCharsets.US_ASCII);
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s;
            }
            b.write(ch);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing a listening socket: nothing to do about it
        }
    }
}
