package dev.hunt4j.benchmarks;

import dev.hunt4j.analysis.proctree.ProcessTree;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Process-tree building from Windows 4688 events: one operation builds the tree of {@value #EVENTS} generated events
 * (schema inferred, times and PIDs parsed from text, parents linked, keys made unique), and is reported per event, so
 * ops/s = events/s. Parsing and interning run in parallel chunks on all cores, linking on the calling thread. {@link #main} writes the same kind of data as CSV for command-line runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class ProcessTreeBenchmark {
    static final int EVENTS = 500_000;
    static final List<String> COLUMNS = List.of("TimeGenerated", "Computer", "EventID", "Account", "SubjectUserSid",
            "SubjectUserName", "SubjectDomainName", "SubjectLogonId", "NewProcessId", "NewProcessName", "ProcessId",
            "ParentProcessName", "CommandLine", "TokenElevationType");

    List<Column> columns;
    List<Object[]> rows;

    @Setup
    public void setup() {
        columns = COLUMNS.stream().map(c -> new Column(c, ColumnType.STRING)).toList();
        rows = new ArrayList<>(EVENTS);
        try {
            new Generator(42).generate(EVENTS, rows::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Builds the whole forest from rows already in memory (as text, as a CSV reader gives them). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int build() {
        return ProcessTree.build(ResultStream.of(columns, rows)).size();
    }

    /** Builds the forest and walks its table form (keys and paths made for every row). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long buildAndEmit() {
        long n = 0;
        try (ResultStream out = ProcessTree.build(ResultStream.of(columns, rows)).toResultStream()) {
            for (Object[] r = out.next(); r != null; r = out.next()) {
                n += ((String) r[14]).length() + ((String) r[16]).length(); // proc_key, path
            }
        }
        return n;
    }

    /**
     * Seeded Windows 4688 events on 500 hosts: each host's first process is services.exe, whose parent (wininit) is
     * never logged, so every host has a synthetic root; later processes are started by one of the last 64 "parent
     * candidates" of their host (a quarter of new processes become one, up to depth 5, so trees stay realistically
     * shallow: about 6 levels). PIDs come from a pool of 4,000 per host, so they are reused many times.
     */
    static final class Generator {
        private static final String SYS = "C:\\Windows\\System32\\";
        private static final String[] TOOLS = {"cmd.exe", "powershell.exe", "conhost.exe", "whoami.exe", "net.exe", "ipconfig.exe",
            "notepad.exe", "reg.exe", "schtasks.exe", "tasklist.exe", "findstr.exe", "rundll32.exe", "wmic.exe", "certutil.exe"};
        private final SplittableRandom rnd;

        Generator(long seed) {
            rnd = new SplittableRandom(seed);
        }

        interface Sink {
            void accept(Object[] row) throws IOException;
        }

        void generate(int n, Sink sink) throws IOException {
            int hosts = 500;
            long start = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
            // per host: recent processes (pid, name) to choose parents from
            int[][] recentPid = new int[hosts][64];
            String[][] recentName = new String[hosts][64];
            int[][] recentDepth = new int[hosts][64];
            int[] recentCount = new int[hosts];
            long t = start;
            for (int i = 0; i < n; i++) {
                int h = rnd.nextInt(hosts);
                t += rnd.nextInt(40);
                String host = "WKS" + h + ".contoso.local";
                int pid = 4 * (1 + rnd.nextInt(4000)); // a small pool: PIDs come round again
                String name;
                int ppid;
                String pname;
                int depth;
                if (recentCount[h] == 0) {
                    name = SYS + "services.exe";
                    ppid = 0x1f0;
                    pname = SYS + "wininit.exe";
                    depth = 1;
                } else {
                    // parents are mostly long-lived shallow processes (services, shells), as in real trees
                    int k = rnd.nextInt(Math.min(recentCount[h], 64));
                    ppid = recentPid[h][k];
                    pname = recentName[h][k];
                    depth = recentDepth[h][k] + 1;
                    name = SYS + TOOLS[rnd.nextInt(TOOLS.length)];
                }
                if (depth < 6 && (recentCount[h] < 64 || rnd.nextInt(4) == 0)) {
                    int slot = recentCount[h] % 64;
                    recentPid[h][slot] = pid;
                    recentName[h][slot] = name;
                    recentDepth[h][slot] = depth;
                    recentCount[h]++;
                }
                String user = "user" + h % 37;
                String time = Instant.ofEpochMilli(t).toString().replace('T', ' ').replace("Z", "");
                String cmd = name.substring(SYS.length()) + " /c job" + rnd.nextInt(200);
                sink.accept(new Object[] {time, host, "4688", "CONTOSO\\" + user, "S-1-5-21-1004336348-1177238915-682003330-" + (1000 + h % 37),
                    user, "CONTOSO", "0x" + Integer.toHexString(0x3e7 + h), "0x" + Integer.toHexString(pid), name,
                    "0x" + Integer.toHexString(ppid), pname, cmd, "%%1936"});
            }
        }
    }

    /** Writes {@code N} generated events (default 1,000,000) as CSV to {@code FILE}: {@code ProcessTreeBenchmark FILE [N]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProcessTreeBenchmark FILE [EVENTS]");
            System.exit(2);
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8), 1 << 16)) {
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            new Generator(42).generate(n, row -> {
                sb.setLength(0);
                for (int i = 0; i < row.length; i++) {
                    String v = row[i].toString();
                    sb.append(i == 0 ? "" : ",").append(v.indexOf(',') >= 0 ? '"' + v + '"' : v);
                }
                w.write(sb.append('\n').toString());
            });
        }
        System.out.println("wrote " + n + " events to " + args[0]);
    }
}
