package dev.hunt4j.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.runtime.enrich.Enrichment;
import dev.hunt4j.runtime.enrich.LookupRequest;
import dev.hunt4j.runtime.enrich.ProviderOptions;
import dev.hunt4j.runtime.enrich.RateLimit;
import dev.hunt4j.runtime.enrich.TiResults;
import dev.hunt4j.runtime.enrich.TiRow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * The throughput check: 10,000 observables against 4 loopback TI services, each behind its own rate limit.
 * Every service is a real HTTP server on 127.0.0.1 that records when each request arrives; the enricher is a real
 * HTTP client. Reported per service: requests, elapsed time from first to last arrival, throughput against the
 * limit, and the most requests that arrived in any window of the limit's length (must not exceed the limit).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.hunt4j.benchmarks.TiThroughputRun [observables [limit ...]]</pre>
 */
public final class TiThroughputRun {
    private TiThroughputRun() {
    }

    /** One loopback service: answers {@code GET /ip/{ip}} with a little JSON and keeps arrival times. */
    static final class Service implements AutoCloseable {
        final String name;
        final RateLimit limit;
        final HttpServer server;
        final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

        Service(String name, RateLimit limit) throws IOException {
            this.name = name;
            this.limit = limit;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/ip/", ex -> {
                arrivals.add(System.nanoTime());
                byte[] body = ("{\"ip\": \"" + ex.getRequestURI().getPath().substring(4) + "\", \"score\": 3}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            });
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ip/");
        }

        /** The most arrivals in any window of the limit's length. */
        int maxInWindow() {
            long[] t = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
            long w = limit.window().toNanos();
            int max = 0;
            int lo = 0;
            for (int hi = 0; hi < t.length; hi++) {
                while (t[hi] - t[lo] >= w) {
                    lo++;
                }
                max = Math.max(max, hi - lo + 1);
            }
            return max;
        }

        double elapsedSeconds() {
            long[] t = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
            return t.length < 2 ? 0 : (t[t.length - 1] - t[0]) / 1e9;
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** A TI plugin as the engine sees it: one HTTP GET per lookup. */
    static Enricher client(HttpClient http, URI base, String name) {
        return (observable, type) -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(observable)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new QueryException(name + " answered HTTP " + r.statusCode());
                }
                return new TiResult(observable, type, name, null, true, Severity.WARNING, Map.of("score", 3), r.body(), null,
                        LookupStatus.OK, null);
            } catch (IOException e) {
                throw new QueryException(name + " request failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryException(name + " interrupted");
            }
        };
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        // the JDK server writes headers and body separately: without TCP_NODELAY each answer waits for a delayed ACK (40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // the four services' limits, e.g. 400/s 320/s 240/s 200/s (the default); on a 2-core machine the loopback
        // servers, clients and engine share the CPU, so aggregate rates above ~1,500/s measure the CPU, not the limiter
        List<String> limits = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("400/s", "320/s", "240/s", "200/s");
        List<Service> services = new ArrayList<>();
        for (String l : limits) {
            services.add(new Service("svc" + (services.size() + 1) + "-" + l.replace("/", "-per-"), RateLimit.parse(l, "limit")));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Enrichment.Builder b = Enrichment.builder();
        for (Service s : services) {
            b.provider(s.name, client(http, s.base(), s.name), EnumSet.of(IocType.IPV4),
                    ProviderOptions.defaults().withRateLimit(s.limit).withConcurrency(32).withCache(Duration.ZERO, 0));
        }
        List<String> ips = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ips.add("23." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        TiResults results;
        long t0 = System.nanoTime();
        try (Enrichment engine = b.build()) {
            results = engine.lookup(LookupRequest.of(ips).includeRaw(false));
        }
        double total = (System.nanoTime() - t0) / 1e9;
        long ok = results.rows().stream().filter(TiRow::ok).count();
        System.out.printf(Locale.ROOT, "%d observables x %d services: %d rows, %d ok, %.1f s in all%n", n, services.size(),
                results.rows().size(), ok, total);
        System.out.printf(Locale.ROOT, "%-16s %9s %8s %9s %11s %9s %14s %9s%n", "service", "limit", "requests", "elapsed",
                "throughput", "vs limit", "max in window", "over");
        boolean fine = ok == (long) n * services.size();
        for (Service s : services) {
            double rate = (s.arrivals.size() - 1) / s.elapsedSeconds();
            double expected = s.limit.perSecond();
            int max = s.maxInWindow();
            System.out.printf(Locale.ROOT, "%-16s %7.0f/s %8d %8.2fs %9.1f/s %+8.2f%% %8d of %-4d %9d%n", s.name, expected,
                    s.arrivals.size(), s.elapsedSeconds(), rate, (rate / expected - 1) * 100, max, s.limit.permits(),
                    Math.max(0, max - s.limit.permits()));
            fine &= max <= s.limit.permits() && Math.abs(rate / expected - 1) <= 0.05 && s.arrivals.size() == n;
            s.close();
        }
        System.out.println(fine ? "OK: every observable answered, no window over its limit, throughput within 5%"
                : "NOT OK: see the table");
    }
}
