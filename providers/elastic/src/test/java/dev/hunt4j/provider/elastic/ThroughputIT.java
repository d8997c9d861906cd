package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.OperatingSystemMXBean;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

/**
 * The speed figure: pages {@code -Dhunt4j.elastic.bench.docs=N} generated ECS process events out of a real node (512 MB
 * heap) into a Tablesaw table through the host, and reports documents per second, the client's share of the CPU time
 * both processes used, and the client's peak heap. Not part of the normal run (indexing a million documents takes a
 * while); run it with
 * {@code mvn verify -pl providers/elastic -Dit.test=ThroughputIT -Dhunt4j.elastic.bench.docs=1000000 -Dhunt4j.nodes=elasticsearch
 * -DargLine="-Xms1g -Xmx1g"}
 * (or {@code -Dhunt4j.bench.node=opensearch -Dhunt4j.nodes=opensearch}). The report goes to the log and to
 * {@code target/elastic-throughput.txt}. {@code -Dhunt4j.bench.modes} lists the runs in order: {@code table} (the
 * host's {@code toTable()}), {@code stream} (the rows counted) and {@code bytes} (the same pages read and dropped
 * without the provider, see {@link BytesOnly}: the server's own pace).
 */
@EnabledIfSystemProperty(named = "hunt4j.elastic.bench.docs", matches = "\\d+")
class ThroughputIT {
    private static final Logger LOG = LoggerFactory.getLogger(ThroughputIT.class);
    static final String INDEX = "hunt4j-bench";

    @Test
    void pageTheIndexIntoATable() throws Exception {
        int docs = Integer.parseInt(System.getProperty("hunt4j.elastic.bench.docs"));
        int pageSize = Integer.getInteger("hunt4j.elastic.bench.pageSize", 10_000);
        RealNode.Kind kind = RealNode.Kind.valueOf(System.getProperty("hunt4j.bench.node", "elasticsearch").toUpperCase(Locale.ROOT));
        // -Dhunt4j.bench.url: a node started by hand holding the index already (for profiling the client)
        String external = System.getProperty("hunt4j.bench.url");
        RealNode node = external == null ? RealNode.get(kind) : null;
        String url = external == null ? node.url() : external;
        String index = System.getProperty("hunt4j.bench.index", INDEX);
        List<String> report = new ArrayList<>();
        report.add((node == null ? url : node.toString()) + ", " + docs + " documents, page_size " + pageSize + ", client JVM "
                + System.getProperty("java.version") + " heap " + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() >> 20)
                + " MB initial, " + (Runtime.getRuntime().maxMemory() >> 20) + " MB max");

        if (node != null) {
            long t0 = System.nanoTime();
            index(node, docs);
            double indexSeconds = (System.nanoTime() - t0) / 1e9;
            report.add(String.format(Locale.ROOT, "indexing: %.1f s (%.0f docs/s, bulk of 10,000, refresh off while loading)",
                    indexSeconds, docs / indexSeconds));
        }

        try (Hunt4j h = Hunt4j.builder().provider("bench", "elastic", Map.of("hosts", url, "page_size", pageSize)).build()) {
            String query = "{\"index\": \"" + index + "\"}";
            QueryOptions options = QueryOptions.defaults().withTimeout(Duration.ofMinutes(30));
            // warm-up: JIT and connections, on a slice of the index
            try (QueryResult r = h.provider("bench").queryText(query, options.withMaxRows(Math.min(docs, 50_000)))) {
                r.toTable();
            }
            for (String mode : System.getProperty("hunt4j.bench.modes", "table,stream,table").split(",")) {
                System.gc();
                LOG.info("{} run starts {} ms after the JVM", mode, ManagementFactory.getRuntimeMXBean().getUptime());
                Measure m = new Measure(node);
                long rows;
                try (QueryResult r = h.provider("bench").queryText(query, options)) {
                    if (mode.equals("bytes")) {
                        int pages = BytesOnly.pageThrough(url, index, pageSize);
                        assertEquals((docs + pageSize - 1) / pageSize, pages, "pages with hits");
                        rows = docs;
                    } else if (mode.equals("table")) {
                        Table t = r.toTable();
                        rows = t.rowCount();
                        m.stop();
                        System.gc();
                        m.retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() - m.heap0;
                        LOG.debug("table {} x {}", t.rowCount(), t.columnCount());
                    } else {
                        long n = 0;
                        try (ResultStream rs = r.stream()) {
                            while (rs.next() != null) {
                                n++;
                            }
                        }
                        rows = n;
                    }
                }
                m.stop();
                assertEquals(docs, rows);
                report.add(m.describe(mode, rows));
            }
        }
        String text = String.join("\n", report);
        LOG.info("throughput:\n{}", text);
        Files.writeString(Path.of("target", "elastic-throughput.txt"), text + "\n", StandardCharsets.UTF_8);
    }

    /**
     * The server's own pace: the same point-in-time pages as the provider asks for, each body read from the socket into
     * a reused buffer and dropped (only the last hit's sort values are looked at, to ask for the next page). No parsing,
     * no rows: what any client on this HTTP stack must at least spend, and the rate at which the node can serve the
     * pages when the client costs next to nothing. Same OkHttp as the provider, without a per-read timer.
     */
    static final class BytesOnly {
        private static final MediaType JSON = MediaType.get("application/json");
        private static final byte[] SORT = "\"sort\":[".getBytes(StandardCharsets.US_ASCII);

        /** Pages through {@code index}; returns the number of pages that had hits. */
        static int pageThrough(String url, String index, int pageSize) throws IOException {
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).callTimeout(Duration.ofMinutes(10)).build();
            String pit = (String) Json.asObject(Json.parse(call(http, url + "/" + index + "/_pit?keep_alive=5m", ""))).get("id");
            byte[] buf = new byte[64 << 10];
            byte[] tail = new byte[8 << 10];
            int pages = 0;
            try {
                String after = null;
                while (true) {
                    String body = "{\"size\":" + pageSize + ",\"track_total_hits\":false,\"pit\":{\"id\":\"" + pit
                            + "\",\"keep_alive\":\"5m\"},\"sort\":[{\"_shard_doc\":\"asc\"}]"
                            + (after == null ? "" : ",\"search_after\":" + after) + "}";
                    int kept = 0;
                    try (Response r = http.newCall(new Request.Builder().url(url + "/_search")
                            // as the provider asks: OkHttp would otherwise ask for gzip, which both sides pay for
                            .header("Accept-Encoding", "identity").post(RequestBody.create(body, JSON)).build())
                            .execute(); InputStream in = r.body().byteStream()) {
                        assertEquals(200, r.code(), "page " + (pages + 1));
                        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                            // keep the last bytes read: the last hit's sort values are there
                            int keep = Math.min(n, tail.length);
                            int shift = Math.min(kept, tail.length - keep);
                            System.arraycopy(tail, kept - shift, tail, 0, shift);
                            System.arraycopy(buf, n - keep, tail, shift, keep);
                            kept = shift + keep;
                        }
                    }
                    after = lastSort(tail, kept);
                    if (after == null) {
                        return pages;
                    }
                    pages++;
                }
            } finally {
                try (Response r = http.newCall(new Request.Builder().url(url + "/_pit")
                        .delete(RequestBody.create("{\"id\":\"" + pit + "\"}", JSON)).build()).execute()) {
                    assertEquals(200, r.code(), "closing the point in time");
                }
            }
        }

        /** The JSON array after the last {@code "sort":[} in the first {@code n} bytes, or null when there is none. */
        private static String lastSort(byte[] b, int n) {
            for (int i = n - SORT.length; i >= 0; i--) {
                if (Arrays.equals(b, i, i + SORT.length, SORT, 0, SORT.length)) {
                    int from = i + SORT.length - 1;
                    int to = from;
                    while (b[to] != ']') {
                        to++;
                    }
                    return new String(b, from, to + 1 - from, StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        private static String call(OkHttpClient http, String url, String body) throws IOException {
            try (Response r = http.newCall(new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build()).execute()) {
                assertEquals(200, r.code(), url);
                return r.body().string();
            }
        }
    }

    /** CPU of both processes, wall time and the client's peak heap over one run. */
    private static final class Measure {
        private final RealNode node;
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final long wall0 = System.nanoTime();
        private final long client0 = os.getProcessCpuTime();
        private final long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        private final long server0;
        private final long heap0;
        private final long gc0 = gcMillis();
        private final long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        private final Map<String, Long> threads0 = threadCpu();
        /** Every thread's CPU, native ones (GC, JIT) and ones that end during the run included, sampled by the sampler. */
        private final NativeThreads nativeThreads = new NativeThreads();
        private String others = "";
        private long retained = -1;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler;
        private long wall;
        private long client;
        private long thread;
        private long server;
        private long samplerCpu;

        Measure(RealNode node) {
            this.node = node;
            this.server0 = serverCpu(node);
            this.heap0 = memory.getHeapMemoryUsage().getUsed();
            sampler = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    if (i % 20 == 0) {
                        nativeThreads.sample();
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            if (!running.get()) {
                return;
            }
            wall = System.nanoTime() - wall0;
            // the heap sampler is this measurement, not the client: its CPU is left out of the client's
            samplerCpu = Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(sampler.getId()));
            client = os.getProcessCpuTime() - client0 - samplerCpu;
            thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0;
            server = serverCpu(node) - server0;
            nativeThreads.sample();
            others = String.format(Locale.ROOT, "GC %.2f s wall, JIT %.2f s; busiest threads: %s", (gcMillis() - gc0) / 1e3,
                    (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) / 1e3, busiest(threads0, threadCpu()))
                    + "\n        all threads (on-CPU time): " + nativeThreads.describe();
            running.set(false);
            sampler.join();
        }

        String describe(String mode, long rows) {
            double s = wall / 1e9;
            return String.format(Locale.ROOT, "%-6s: %,d rows in %.1f s = %,.0f docs/s; CPU client %.2f s (reading thread %.2f s, "
                            + "GC/JIT/other %.2f s), server %.2f s -> client share %.0f%%; client heap before %d MB, peak %d MB", mode, rows,
                    s, rows / s, client / 1e9, thread / 1e9, (client - thread) / 1e9, server / 1e9, 100.0 * client / (client + server),
                    heap0 >> 20, peak.get() >> 20) + (retained >= 0 ? ", the table holds " + (retained >> 20) + " MB" : "")
                    + String.format(Locale.ROOT, "\n        (the heap sampler's %.2f s CPU left out of the client's) ", samplerCpu / 1e9) + others;
        }
    }

    /**
     * On-CPU time of each of this process's threads from {@code /proc/self/task/<tid>/schedstat} (Linux), grouped by
     * thread name without its number: shows the GC and compiler threads, and threads that ended before the run did
     * (their last sample counts).
     */
    private static final class NativeThreads {
        private final Map<Long, Long> start = new java.util.HashMap<>();
        private final Map<Long, Long> last = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();

        NativeThreads() {
            read(start);
        }

        void sample() {
            read(last);
        }

        private void read(Map<Long, Long> into) {
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            if (tasks == null) {
                return;
            }
            for (java.io.File t : tasks) {
                try {
                    long tid = Long.parseLong(t.getName());
                    String stat = Files.readString(t.toPath().resolve("schedstat")).trim();
                    into.put(tid, Long.parseLong(stat.substring(0, stat.indexOf(' '))));
                    names.computeIfAbsent(tid, k -> {
                        try {
                            return Files.readString(t.toPath().resolve("comm")).trim().replaceAll("[#0-9]+$", "").trim();
                        } catch (java.io.IOException e) {
                            return "?";
                        }
                    });
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }

        String describe() {
            Map<String, Long> byName = new java.util.TreeMap<>();
            last.forEach((tid, ns) -> byName.merge(names.getOrDefault(tid, "?"), ns - start.getOrDefault(tid, 0L), Long::sum));
            return byName.entrySet().stream().filter(e -> e.getValue() > 20_000_000L)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e9))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    /** CPU nanoseconds per live Java thread (GC and compiler threads are not Java threads: see the GC and JIT times). */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : t.getThreadInfo(t.getAllThreadIds())) {
            if (info != null) {
                cpu.merge(info.getThreadName() + "#" + info.getThreadId(), Math.max(0, t.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return cpu;
    }

    private static String busiest(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 50_000_000L).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 1e9)).collect(java.util.stream.Collectors.joining(", "));
    }

    /** CPU time of the node's whole process tree (launcher and server JVM). */
    static long serverCpu(RealNode node) {
        long total = 0;
        List<ProcessHandle> tree = node != null ? node.processTree() : ProcessHandle.allProcesses()
                .filter(h -> h.info().user().orElse("").equals(RealNode.USER)).toList();
        for (ProcessHandle h : tree) {
            total += h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    /** Loads {@code n} ECS process events shaped like Elastic Defend's, in bulks of 10,000. */
    static void index(RealNode node, int n) {
        node.call("DELETE", "/" + INDEX + "?ignore_unavailable=true", null);
        node.call("PUT", "/" + INDEX, Json.write(Json.object(
                "settings", Json.object("number_of_shards", 1, "number_of_replicas", 0, "refresh_interval", "-1"),
                "mappings", Json.object("dynamic_templates", List.of(Json.object("strings", Json.object("match_mapping_type", "string",
                                "mapping", Json.object("type", "keyword")))),
                        "properties", Json.object("@timestamp", Json.object("type", "date"),
                                "source", Json.object("properties", Json.object("ip", Json.object("type", "ip"))))))));
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        String[] exes = {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Windows\\System32\\svchost.exe"};
        StringBuilder bulk = new StringBuilder(8 << 20);
        String action = "{\"index\":{}}\n";
        for (int i = 0; i < n; i++) {
            String exe = exes[i % exes.length];
            bulk.append(action).append("{\"@timestamp\":\"").append(t0.plusMillis(i * 250L)).append("\",\"event\":{\"category\":[\"process\"],")
                    .append("\"type\":[\"start\"],\"action\":\"start\",\"kind\":\"event\"},\"host\":{\"name\":\"wks-").append(i % 500)
                    .append(".contoso.com\",\"os\":{\"family\":\"windows\"}},\"user\":{\"name\":\"user").append(i % 997)
                    .append("\",\"domain\":\"CONTOSO\"},\"process\":{\"pid\":").append(1000 + i % 60000).append(",\"name\":\"")
                    .append(exe.substring(exe.lastIndexOf('\\') + 1)).append("\",\"executable\":")
                    .append(Json.write(exe)).append(",\"command_line\":").append(Json.write(exe + " --task " + i + " --flag " + (i * 7919L % 100003)))
                    .append(",\"parent\":{\"pid\":").append(600 + i % 40).append("},\"hash\":{\"sha256\":\"")
                    .append(String.format("%064x", i * 0x9E3779B97F4A7C15L & Long.MAX_VALUE)).append("\"}},\"source\":{\"ip\":\"10.")
                    .append(i % 250).append('.').append(i / 250 % 250).append('.').append(i % 7).append("\"}}\n");
            if ((i + 1) % 10_000 == 0) {
                node.bulk("/" + INDEX + "/_bulk?filter_path=errors,items.*.error", bulk);
                bulk.setLength(0);
            }
        }
        if (bulk.length() > 0) {
            node.bulk("/" + INDEX + "/_bulk?filter_path=errors,items.*.error", bulk);
        }
        node.call("PUT", "/" + INDEX + "/_settings", "{\"index\":{\"refresh_interval\":\"1s\"}}");
        node.call("POST", "/" + INDEX + "/_refresh", null);
        node.call("POST", "/" + INDEX + "/_forcemerge?max_num_segments=1", null);
    }
}
