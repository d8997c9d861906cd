package dev.hunt4j.provider.elastic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch or OpenSearch started from the integration-test zip the build unpacked into
 * {@code target/nodes}: on 127.0.0.1 with free ports, security off, a 512 MB heap, its data under {@code target}.
 * These servers refuse to run as root, so as root the node runs as the unprivileged user {@value #USER} (created when
 * missing) through {@code runuser}. One node per kind per JVM, stopped (whole process tree) when the test run ends.
 */
final class RealNode implements AutoCloseable {
    static final String USER = "hunt4j-es";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("hunt4j.node.startSeconds", 120));
    private static final Map<Kind, CompletableFuture<RealNode>> NODES = new ConcurrentHashMap<>();

    /** The servers this harness can run. */
    enum Kind {
        ELASTICSEARCH("elasticsearch", "elasticsearch.version", "8.19.21", "ES_JAVA_HOME", "ES_JAVA_OPTS"),
        OPENSEARCH("opensearch", "opensearch.version", "2.19.6", "OPENSEARCH_JAVA_HOME", "OPENSEARCH_JAVA_OPTS");

        final String id;
        final String versionProperty;
        final String defaultVersion;
        final String javaHomeVar;
        final String javaOptsVar;

        Kind(String id, String versionProperty, String defaultVersion, String javaHomeVar, String javaOptsVar) {
            this.id = id;
            this.versionProperty = versionProperty;
            this.defaultVersion = defaultVersion;
            this.javaHomeVar = javaHomeVar;
            this.javaOptsVar = javaOptsVar;
        }

        String version() {
            return System.getProperty(versionProperty, defaultVersion);
        }

        /** Whether this run asked for it ({@code -Dhunt4j.nodes=elasticsearch,opensearch}). */
        boolean selected() {
            String s = System.getProperty("hunt4j.nodes", "elasticsearch,opensearch").toLowerCase(Locale.ROOT);
            return List.of(s.split("[,\\s]+")).contains(id);
        }
    }

    private final Kind kind;
    private final Path home;
    private final Path log;
    private final Path work;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Boolean> loaded = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private RealNode(Kind kind, Path home, Path log, int port, Process process) {
        this.kind = kind;
        this.home = home;
        this.log = log;
        this.work = log.getParent();
        this.port = port;
        this.process = process;
    }

    /**
     * The running node of this kind, started on first use. Starting one starts every selected kind in parallel, so the
     * second node's start-up overlaps the first node's tests.
     */
    static RealNode get(Kind kind) {
        for (Kind k : Kind.values()) {
            if (k.selected() || k == kind) {
                NODES.computeIfAbsent(k, x -> CompletableFuture.supplyAsync(() -> start(x)));
            }
        }
        try {
            return NODES.get(kind).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Stops every node started in this JVM. */
    static void stopAll() {
        for (CompletableFuture<RealNode> f : NODES.values()) {
            f.thenAccept(RealNode::close);
        }
    }

    Kind kind() {
        return kind;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    boolean isOpenSearch() {
        return kind == Kind.OPENSEARCH;
    }

    private static RealNode start(Kind kind) {
        Path nodes = Path.of(System.getProperty("hunt4j.nodes.dir", "target/nodes")).toAbsolutePath();
        Path home = nodes.resolve(kind.id + "-" + kind.version());
        Path launcher = home.resolve("bin").resolve(kind.id);
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: the build unpacks the " + kind.id + " zip into " + nodes
                    + " in the pre-integration-test phase (run 'mvn verify', not the test class alone)");
        }
        try {
            int port = freePort();
            int transport = freePort();
            Path work = nodes.resolve("run").resolve(kind.id + "-" + port);
            Path data = work.resolve("data");
            Path logs = work.resolve("logs");
            Files.createDirectories(data);
            Files.createDirectories(logs);
            Path out = work.resolve("console.log");
            boolean root = "root".equals(System.getProperty("user.name")) || isRoot();
            if (root) {
                ensureUser();
                run(List.of("chown", "-R", USER, home.toString(), work.toString()));
            }
            List<String> cmd = new ArrayList<>();
            if (root) {
                cmd.addAll(List.of("runuser", "-u", USER, "--"));
            }
            cmd.add(launcher.toString());
            for (String setting : List.of("http.port=" + port, "transport.port=" + transport, "network.host=127.0.0.1",
                    "discovery.type=single-node", "path.data=" + data, "path.logs=" + logs,
                    // a nearly full CI disk must not stop shards from being assigned
                    "cluster.routing.allocation.disk.threshold_enabled=false")) {
                cmd.add("-E");
                cmd.add(setting);
            }
            if (kind == Kind.ELASTICSEARCH) {
                cmd.addAll(List.of("-E", "xpack.security.enabled=false"));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            // the default Java 17 (the one running the tests): these integration-test zips bundle no JDK
            pb.environment().put(kind.javaHomeVar, System.getProperty("java.home"));
            pb.environment().put(kind.javaOptsVar, "-Xms512m -Xmx512m");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            Process p = pb.start();
            RealNode node = new RealNode(kind, home, out, port, p);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "stop " + kind.id));
            node.awaitHealthy();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + kind.id + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && uid.equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Creates the unprivileged user the node runs as, once per machine. */
    private static synchronized void ensureUser() throws IOException {
        if (run(List.of("id", "-u", USER)) != 0) {
            int rc = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
            if (rc != 0 && run(List.of("id", "-u", USER)) != 0) {
                throw new IOException("useradd " + USER + " failed (exit " + rc + "); these servers refuse to run as root");
            }
        }
    }

    private static int run(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + cmd, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void awaitHealthy() {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(kind.id + " exited with " + process.exitValue() + " while starting; log tail:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url()
                                + "/_cluster/health?wait_for_status=yellow&timeout=1s")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException(kind.id + " was not healthy within " + START_TIMEOUT.toSeconds() + "s (last: " + last
                + "); log tail:\n" + tail());
    }

    /** The end of the node's console log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a request to the node; returns the body, failing on any non-2xx status. */
    String call(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code loader} once per node for {@code name} (test data sets shared by test classes). */
    synchronized void once(String name, Runnable loader) {
        if (loaded.putIfAbsent(name, Boolean.TRUE) == null) {
            try {
                loader.run();
            } catch (RuntimeException e) {
                loaded.remove(name);
                throw e;
            }
        }
    }

    /** Bulk-indexes newline-delimited action/document pairs and refreshes; fails on any item error. */
    void bulk(CharSequence ndjson) {
        bulk("/_bulk?refresh=true", ndjson);
    }

    /** Bulk-indexes through {@code path} (e.g. {@code /index/_bulk}); fails on any item error. */
    void bulk(String path, CharSequence ndjson) {
        String r = call("POST", path, ndjson.toString());
        if (r.contains("\"errors\":true")) {
            throw new IllegalStateException("bulk indexing failed: " + r.substring(0, Math.min(2000, r.length())));
        }
    }

    /**
     * {@link #openContexts()} once the node has let go of the contexts of searches that just answered: it frees them
     * after sending the response, so a count taken right after a search may still hold one for a moment. Waits at
     * most 2 s; a point in time left open lives far longer and is still counted.
     */
    long settledOpenContexts() {
        long n = openContexts();
        for (int i = 0; i < 40 && n > 0; i++) {
            sleep(50);
            n = openContexts();
        }
        return n;
    }

    /** Search contexts open on the node (points in time and scrolls): 0 once every query closed its own. */
    long openContexts() {
        String r = call("GET", "/_nodes/stats/indices/search?filter_path=nodes.*.indices.search.open_contexts", null);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"open_contexts\"\\s*:\\s*(\\d+)").matcher(r);
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    /** The node's processes: the launcher (runuser) and the JVMs below it. */
    List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        try (Stream<ProcessHandle> d = process.toHandle().descendants()) {
            d.forEach(tree::add);
        }
        return tree;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the launcher script starts one or two JVMs under runuser: stop the whole tree, children first
        List<ProcessHandle> tree = new ArrayList<>();
        try (Stream<ProcessHandle> d = process.toHandle().descendants()) {
            d.forEach(tree::add);
        }
        tree.add(process.toHandle());
        for (int i = tree.size() - 1; i >= 0; i--) {
            tree.get(i).destroy();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        // the node's data (hundreds of MB after the throughput run) is not kept between runs; its log is, on failure
        if (!Boolean.getBoolean("hunt4j.node.keepData")) {
            try (Stream<Path> files = Files.walk(work.resolve("data"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // best effort: mvn clean removes it too
            }
        }
    }

    @Override
    public String toString() {
        return kind.id + " " + kind.version() + " at " + url() + " (" + home + ")";
    }
}
