package dev.hunt4j.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * Log Analytics JSON parsed by the real {@code sentinel} plugin (loaded by the runtime from the built module, as in
 * development mode) from a loopback HTTP server: a seeded {@code SecurityEvent}-like result with a column of every
 * Kusto type, streamed into rows ({@link #stream}) and into a Tablesaw table ({@link #table}). HTTP over loopback is
 * included, so the figure is a lower bound for parsing alone. MB/s = {@code bodyMegabytes / (ms/op / 1000)}; the
 * body size for the default 200,000 rows is 81.5 MB (81,461,531 bytes; the generator is seeded, so it is the same
 * every run).
 *
 * <pre>java -Dhunt4j.root=. -jar benchmarks/target/benchmarks.jar SentinelParse -f 1 -wi 2 -i 3</pre>
 * (run from the repository root after {@code mvn install}, so {@code providers/sentinel/target} holds the plugin.)
 * To measure changed core modules without installing them, build them in the reactor ({@code mvn -pl
 * providers/sentinel -am package}) and put their classes ahead of the jar, which JMH's forks inherit:
 * <pre>java -Dhunt4j.root=. -cp core/api/target/classes:core/runtime/target/classes:benchmarks/target/benchmarks.jar \
 *     org.openjdk.jmh.Main SentinelParse -f 1 -wi 2 -i 4</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class SentinelParseBenchmark {
    @Param({"200000"})
    int rows;

    byte[] body;
    HttpServer server;
    java.util.concurrent.ExecutorService serverThreads;
    Hunt4j hunt4j;
    DataProvider provider;

    static final String COLUMNS = "[{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},{\"name\":\"Computer\",\"type\":\"string\"},"
            + "{\"name\":\"EventID\",\"type\":\"int\"},{\"name\":\"Account\",\"type\":\"string\"},{\"name\":\"NewProcessName\",\"type\":\"string\"},"
            + "{\"name\":\"CommandLine\",\"type\":\"string\"},{\"name\":\"ParentProcessName\",\"type\":\"string\"},"
            + "{\"name\":\"SubjectLogonId\",\"type\":\"string\"},{\"name\":\"Bytes\",\"type\":\"long\"},{\"name\":\"Score\",\"type\":\"real\"},"
            + "{\"name\":\"IsElevated\",\"type\":\"bool\"},{\"name\":\"ActivityId\",\"type\":\"guid\"},{\"name\":\"Elapsed\",\"type\":\"timespan\"},"
            + "{\"name\":\"EventData\",\"type\":\"dynamic\"}]";

    private static final String[] EXES = {"C:\\\\Windows\\\\System32\\\\cmd.exe", "C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe",
        "C:\\\\Program Files\\\\Google\\\\Chrome\\\\Application\\\\chrome.exe", "C:\\\\Windows\\\\System32\\\\svchost.exe"};

    /** A Log Analytics response body of {@code n} rows, seeded. */
    public static byte[] logAnalyticsJson(int n) {
        Random rnd = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 380);
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":").append(COLUMNS).append(",\"rows\":[");
        long t0 = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < n; i++) {
            String exe = EXES[rnd.nextInt(EXES.length)];
            sb.append(i == 0 ? "[" : ",[").append('"').append(Instant.ofEpochSecond(t0 + i * 3L, rnd.nextInt(10_000_000) * 100L)).append("\",")
                    .append("\"WKS-").append(rnd.nextInt(500)).append(".contoso.com\",")
                    .append(rnd.nextBoolean() ? 4688 : 4624).append(',')
                    .append("\"CONTOSO\\\\user").append(rnd.nextInt(2000)).append("\",")
                    .append('"').append(exe).append("\",")
                    .append('"').append(exe).append(" /c \\\"echo ").append(Long.toHexString(rnd.nextLong())).append(" > C:\\\\Temp\\\\out-")
                    .append(i).append(".txt\\\"\",")
                    .append("\"C:\\\\Windows\\\\explorer.exe\",")
                    .append("\"0x").append(Integer.toHexString(rnd.nextInt())).append("\",")
                    .append(rnd.nextInt(1 << 30) * 7L).append(',')
                    .append(rnd.nextInt(10_000) / 100.0).append(',')
                    .append(rnd.nextInt(4) == 0).append(',')
                    .append('"').append(new java.util.UUID(rnd.nextLong(), rnd.nextLong())).append("\",")
                    .append("\"00:0").append(rnd.nextInt(10)).append(":").append(10 + rnd.nextInt(50)).append(".1230000\",")
                    .append("\"{\\\"TargetUserName\\\":\\\"user").append(rnd.nextInt(2000)).append("\\\",\\\"LogonType\\\":")
                    .append(rnd.nextInt(11)).append("}\"]");
            if (sb.length() > 60_000) {
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        sb.append("]}]}");
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        body = logAnalyticsJson(rows);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/v1/workspaces/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        Path root = Path.of(System.getProperty("hunt4j.root", ".")).toAbsolutePath();
        hunt4j = Hunt4j.builder().developmentRoot(root.resolve("providers"))
                .provider("sentinel-bench", "sentinel", Map.of("workspace_id", "bench", "access_token", "bench-token-value",
                        "api_url", "http://127.0.0.1:" + server.getAddress().getPort()))
                .build();
        provider = hunt4j.provider("sentinel-bench");
    }

    /** The body size in MB (10^6 bytes), for turning ms/op into MB/s. */
    public double bodyMegabytes() {
        return body.length / 1e6;
    }

    /** Rows streamed and dropped: the plugin's parse rate. */
    @Benchmark
    public long stream() {
        long n = 0;
        try (QueryResult r = provider.queryText("SecurityEvent", QueryOptions.defaults())) {
            ResultStream rs = r.stream();
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                n++;
            }
        }
        return n;
    }

    /** Rows into a Tablesaw table, as {@code QueryResult.toTable()} does for users. */
    @Benchmark
    public Table table() {
        try (QueryResult r = provider.queryText("SecurityEvent", QueryOptions.defaults())) {
            return r.toTable();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hunt4j.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** Prints the body size and one timed pass of each, without JMH: {@code java -cp ... SentinelParseBenchmark [rows]}. */
    public static void main(String[] args) throws IOException {
        SentinelParseBenchmark b = new SentinelParseBenchmark();
        b.rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        b.setUp();
        try {
            System.out.printf("body: %,d rows, %.1f MB%n", b.rows, b.bodyMegabytes());
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                long n = b.stream();
                double s = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                int tableRows = b.table().rowCount();
                double st = (System.nanoTime() - t1) / 1e9;
                System.out.printf("pass %d: stream %,d rows in %.2f s = %.0f MB/s; table %,d rows in %.2f s = %.0f MB/s%n",
                        i + 1, n, s, b.bodyMegabytes() / s, tableRows, st, b.bodyMegabytes() / st);
            }
        } finally {
            b.tearDown();
        }
    }
}
