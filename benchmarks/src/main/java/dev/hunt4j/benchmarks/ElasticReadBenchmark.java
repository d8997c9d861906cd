package dev.hunt4j.benchmarks;

import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tech.tablesaw.api.Table;

/**
 * Point-in-time search pages read by the real {@code elastic} plugin (loaded by the runtime from the built module) from
 * a loopback server that answers as Elasticsearch 8.19 does: the node's info, the index's mapping and non-empty fields,
 * opening and closing a point in time, and {@code _search} pages of ECS process events (the documents
 * {@code ThroughputIT} indexes into a real node), 10,000 hits per page, chosen by the request's {@code search_after}.
 * The pages are built once and written from direct buffers (see {@link LoopbackServer}), so what is timed is mostly the
 * client: HTTP over loopback, the read-ahead and the reading of the hits into rows ({@link #stream}) or into a Tablesaw
 * table ({@link #table}). µs per document = {@code ms/op * 1000 / docs}; the body is about 650 bytes per document.
 * {@link #main} reports the reading thread's CPU time per document too.
 *
 * <pre>java -Dhunt4j.root=. -jar benchmarks/target/benchmarks.jar ElasticRead -f 1 -wi 3 -i 5</pre>
 * (from the repository root after {@code mvn install}, so {@code providers/elastic/target} holds the plugin.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ElasticReadBenchmark {
    static final int PAGE = 10_000;
    private static final String INDEX = "bench-events";
    private static final Pattern SEARCH_AFTER = Pattern.compile("\"search_after\":\\[(\\d+)]");
    private static final String[] EXES = {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Windows\\System32\\svchost.exe"};

    @Param({"100000"})
    int docs;

    byte[][] pages;
    LoopbackServer server;
    Hunt4j hunt4j;
    DataProvider provider;

    /**
     * Page {@code p} (from 0) of a search over {@code docs} documents: the hits' {@code _shard_doc} sort values run on
     * from page to page, and the page after the last has no hits.
     */
    static byte[] page(int p, int docs) {
        StringBuilder sb = new StringBuilder(PAGE * 700);
        sb.append("{\"pit_id\":\"bench-pit\",\"took\":12,\"timed_out\":false,\"_shards\":{\"total\":1,\"successful\":1,")
                .append("\"skipped\":0,\"failed\":0},\"hits\":{\"max_score\":null,\"hits\":[");
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        int from = p * PAGE;
        int to = Math.min(docs, from + PAGE);
        for (int i = from; i < to; i++) {
            String exe = EXES[i % EXES.length];
            sb.append(i == from ? "" : ",").append("{\"_index\":\"").append(INDEX).append("\",\"_id\":\"")
                    .append(String.format("%020x", i * 0x9E3779B97F4A7C15L & Long.MAX_VALUE), 0, 20)
                    .append("\",\"_score\":null,\"_source\":{\"@timestamp\":\"").append(t0.plusMillis(i * 250L))
                    .append("\",\"event\":{\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"start\",\"kind\":\"event\"},")
                    .append("\"host\":{\"name\":\"wks-").append(i % 500).append(".contoso.com\",\"os\":{\"family\":\"windows\"}},")
                    .append("\"user\":{\"name\":\"user").append(i % 997).append("\",\"domain\":\"CONTOSO\"},")
                    .append("\"process\":{\"pid\":").append(1000 + i % 60000).append(",\"name\":\"")
                    .append(exe.substring(exe.lastIndexOf('\\') + 1)).append("\",\"executable\":\"").append(escaped(exe))
                    .append("\",\"command_line\":\"").append(escaped(exe + " --task " + i + " --flag " + (i * 7919L % 100003)))
                    .append("\",\"parent\":{\"pid\":").append(600 + i % 40).append("},\"hash\":{\"sha256\":\"")
                    .append(String.format("%064x", i * 0x9E3779B97F4A7C15L & Long.MAX_VALUE)).append("\"}},")
                    .append("\"source\":{\"ip\":\"10.").append(i % 250).append('.').append(i / 250 % 250).append('.').append(i % 7)
                    .append("\"}},\"sort\":[").append(i).append("]}");
        }
        sb.append("]}}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escaped(String windowsPath) {
        return windowsPath.replace("\\", "\\\\");
    }

    private static final String MAPPING = "{\"" + INDEX + "\":{\"mappings\":{\"properties\":{\"@timestamp\":{\"type\":\"date\"},"
            + "\"event\":{\"properties\":{\"action\":{\"type\":\"keyword\"},\"category\":{\"type\":\"keyword\"},\"kind\":{\"type\":\"keyword\"},"
            + "\"type\":{\"type\":\"keyword\"}}},\"host\":{\"properties\":{\"name\":{\"type\":\"keyword\"},\"os\":{\"properties\":{"
            + "\"family\":{\"type\":\"keyword\"}}}}},\"process\":{\"properties\":{\"command_line\":{\"type\":\"keyword\"},"
            + "\"executable\":{\"type\":\"keyword\"},\"hash\":{\"properties\":{\"sha256\":{\"type\":\"keyword\"}}},\"name\":{\"type\":\"keyword\"},"
            + "\"parent\":{\"properties\":{\"pid\":{\"type\":\"long\"}}},\"pid\":{\"type\":\"long\"}}},\"source\":{\"properties\":{"
            + "\"ip\":{\"type\":\"ip\"}}},\"user\":{\"properties\":{\"domain\":{\"type\":\"keyword\"},\"name\":{\"type\":\"keyword\"}}}}}}}";

    private static final String[] FIELDS = {"@timestamp", "event.action", "event.category", "event.kind", "event.type", "host.name",
        "host.os.family", "process.command_line", "process.executable", "process.hash.sha256", "process.name", "process.parent.pid",
        "process.pid", "source.ip", "user.domain", "user.name"};

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int n = (docs + PAGE - 1) / PAGE;
        pages = new byte[n + 1][];
        for (int p = 0; p <= n; p++) {
            pages[p] = page(p, docs);
        }
        StringBuilder caps = new StringBuilder("{\"indices\":[\"" + INDEX + "\"],\"fields\":{");
        for (int i = 0; i < FIELDS.length; i++) {
            caps.append(i == 0 ? "" : ",").append('"').append(FIELDS[i]).append("\":{\"keyword\":{\"type\":\"keyword\"}}");
        }
        byte[] fieldCaps = caps.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        byte[] info = ("{\"name\":\"bench\",\"cluster_name\":\"bench\",\"version\":{\"number\":\"8.19.21\",\"build_flavor\":\"default\","
                + "\"lucene_version\":\"9.12.2\"},\"tagline\":\"You Know, for Search\"}").getBytes(StandardCharsets.UTF_8);
        byte[] mapping = MAPPING.getBytes(StandardCharsets.UTF_8);
        byte[] pitOpened = "{\"id\":\"bench-pit\",\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] pitClosed = "{\"succeeded\":true,\"num_freed\":1}".getBytes(StandardCharsets.UTF_8);
        // every answer is one of these arrays, made once: the server keeps a direct buffer per array it is given
        server = new LoopbackServer((method, path, body) -> {
            if (path.equals("/")) {
                return info;
            } else if (path.equals("/" + INDEX + "/_mapping")) {
                return mapping;
            } else if (path.equals("/" + INDEX + "/_field_caps")) {
                return fieldCaps;
            } else if (path.equals("/" + INDEX + "/_pit") && method.equals("POST")) {
                return pitOpened;
            } else if (path.equals("/_pit") && method.equals("DELETE")) {
                return pitClosed;
            } else if (path.equals("/_search")) {
                Matcher m = SEARCH_AFTER.matcher(body);
                int p = m.find() ? (int) ((Long.parseLong(m.group(1)) + 1) / PAGE) : 0;
                return pages[Math.min(p, pages.length - 1)];
            }
            return null;
        });
        Path root = Path.of(System.getProperty("hunt4j.root", ".")).toAbsolutePath();
        hunt4j = Hunt4j.builder().developmentRoot(root.resolve("providers"))
                .provider("elastic-bench", "elastic", Map.of("hosts", "http://127.0.0.1:" + server.port(),
                        "page_size", PAGE))
                .build();
        provider = hunt4j.provider("elastic-bench");
    }

    /** Rows streamed and dropped. */
    @Benchmark
    public long stream() {
        long n = 0;
        try (QueryResult r = provider.queryText("{\"index\": \"" + INDEX + "\"}", QueryOptions.defaults())) {
            ResultStream rs = r.stream();
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                n++;
            }
        }
        if (n != docs) {
            throw new IllegalStateException(n + " rows read, " + docs + " served");
        }
        return n;
    }

    /** Rows into a Tablesaw table, as {@code QueryResult.toTable()} does for users. */
    @Benchmark
    public Table table() {
        try (QueryResult r = provider.queryText("{\"index\": \"" + INDEX + "\"}", QueryOptions.defaults())) {
            Table t = r.toTable();
            if (t.rowCount() != docs) {
                throw new IllegalStateException(t.rowCount() + " rows read, " + docs + " served");
            }
            return t;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hunt4j.close();
        server.close();
    }

    /**
     * One pass of each per round, without JMH, with the CPU time of the reading thread and of the whole process (the
     * loopback server included) per document: {@code java -Dhunt4j.root=. -cp benchmarks/target/benchmarks.jar
     * dev.hunt4j.benchmarks.ElasticReadBenchmark [docs] [rounds]}.
     */
    public static void main(String[] args) throws IOException {
        ElasticReadBenchmark b = new ElasticReadBenchmark();
        b.docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        b.setUp();
        try {
            long bytes = 0;
            for (byte[] p : b.pages) {
                bytes += p.length;
            }
            System.out.printf("%,d documents, %.1f MB of pages%n", b.docs, bytes / 1e6);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int i = 0; i < rounds; i++) {
                StringBuilder line = new StringBuilder("round " + (i + 1) + ":");
                for (String mode : new String[] {"stream", "table"}) {
                    long thread0 = threads.getCurrentThreadCpuTime();
                    long process0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    if (mode.equals("stream")) {
                        b.stream();
                    } else {
                        b.table();
                    }
                    double n = b.docs * 1e3; // ns per µs times documents
                    line.append(String.format(" %s %.2f µs/doc (reading thread %.2f, whole process %.2f);", mode,
                            (System.nanoTime() - t0) / n, (threads.getCurrentThreadCpuTime() - thread0) / n,
                            (os.getProcessCpuTime() - process0) / n));
                }
                System.out.println(line);
            }
        } finally {
            b.tearDown();
        }
    }
}
