package dev.hunt4j.benchmarks;

import dev.hunt4j.analysis.mask.Masker;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Masking throughput, single thread. Scores are per masked value, so ops/s is masked cells/s:
 * <ul>
 *   <li>{@code logonTable}: a seeded 100,000-row × 20-column Windows logon table (the shape of MSTICPy's
 *       timing run: 100,000 × 20 in 4.3 s), 13 of whose columns the default map masks, streamed through
 *       {@link Masker#mask(ResultStream)} with its per-column caches. Cardinalities are those of a mid-size
 *       estate: 300 hosts, 3,000 users, 8,000 private and 30,000 public addresses.</li>
 *   <li>{@code ipDistinct}, {@code hostDistinct}, {@code accountDistinct}, {@code textDistinct}: the per-type
 *       methods on values that are all different (no cache), the worst case.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MaskingBenchmark {
    static final int ROWS = 100_000;
    static final int MASKED_COLUMNS = 13;
    static final int DISTINCT = 10_000;

    static final List<Column> COLUMNS = List.of(
            new Column("TenantId", ColumnType.STRING), new Column("Account", ColumnType.STRING),
            new Column("EventID", ColumnType.LONG), new Column("TimeGenerated", ColumnType.TIMESTAMP),
            new Column("SourceComputerId", ColumnType.STRING), new Column("Computer", ColumnType.STRING),
            new Column("SubjectUserName", ColumnType.STRING), new Column("SubjectDomainName", ColumnType.STRING),
            new Column("SubjectUserSid", ColumnType.STRING), new Column("TargetUserName", ColumnType.STRING),
            new Column("TargetDomainName", ColumnType.STRING), new Column("TargetUserSid", ColumnType.STRING),
            new Column("TargetLogonId", ColumnType.STRING), new Column("LogonProcessName", ColumnType.STRING),
            new Column("LogonType", ColumnType.LONG), new Column("AuthenticationPackageName", ColumnType.STRING),
            new Column("Status", ColumnType.STRING), new Column("IpAddress", ColumnType.STRING),
            new Column("WorkstationName", ColumnType.STRING), new Column("UserPrincipalName", ColumnType.STRING));

    Masker masker;
    List<Object[]> table;
    String[] ips;
    String[] hosts;
    String[] accounts;
    String[] texts;

    @Setup
    public void setup() {
        masker = Masker.builder().key(new byte[32]).build();
        Random r = new Random(42);
        table = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            table.add(row(r));
        }
        ips = new String[DISTINCT];
        hosts = new String[DISTINCT];
        accounts = new String[DISTINCT];
        texts = new String[DISTINCT];
        for (int i = 0; i < DISTINCT; i++) {
            ips[i] = (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            hosts[i] = "srv-" + i + ".corp.contoso.com";
            accounts[i] = "CONTOSO\\user" + i;
            texts[i] = "Logon failure for user" + i + " from WKS-" + r.nextInt(300) + ": bad password";
        }
    }

    /** One logon event; values are drawn from fixed pools so that they repeat as in real logs. */
    static Object[] row(Random r) {
        int host = r.nextInt(300);
        String computer = "WKS-" + host + ".corp.contoso.com";
        boolean service = r.nextInt(5) == 0;
        int userId = r.nextInt(3000);
        String user = service ? "SYSTEM" : "user" + userId;
        String domain = service ? "NT AUTHORITY" : "CONTOSO";
        String sid = service ? "S-1-5-18" : "S-1-5-21-996632719-2361334927-4038480536-" + (1000 + userId);
        int kind = r.nextInt(10);
        String ip = kind < 3 ? "-"
                : kind < 6 ? "10." + (r.nextInt(8000) >> 8) + "." + (r.nextInt(8000) & 0xff) + ".7"
                : publicIp(r.nextInt(30_000));
        return new Object[] {"802d39e1-9d70-404d-832c-2de5e2478eda", domain + "\\" + user, 4624L,
            Instant.ofEpochSecond(1_547_529_302L + r.nextInt(86_400)),
            "46fe7078-61bb-4bed-9430-7ac01d" + String.format("%06x", host), computer, "WKS-" + host + "$",
            "CONTOSO", "S-1-5-18", user, domain, sid, "0x" + Integer.toHexString(r.nextInt()), "Advapi",
            (long) (2 + r.nextInt(9)), "Negotiate", "0x0", ip, "WKS-" + host,
            service ? "" : "user" + userId + "@contoso.com"};
    }

    private static String publicIp(int i) {
        int a = 0x2C000000 + i * 7919; // spread over 44.0.0.0/8 and beyond
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS * MASKED_COLUMNS)
    public long logonTable() {
        long n = 0;
        try (ResultStream masked = masker.mask(ResultStream.of(COLUMNS, table))) {
            for (Object[] row = masked.next(); row != null; row = masked.next()) {
                n += row.length;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public int ipDistinct() {
        int n = 0;
        for (String s : ips) {
            n += masker.ip(s).length();
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public int hostDistinct() {
        int n = 0;
        for (String s : hosts) {
            n += masker.host(s).length();
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public int accountDistinct() {
        int n = 0;
        for (String s : accounts) {
            n += masker.account(s).length();
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public int textDistinct() {
        int n = 0;
        for (String s : texts) {
            n += masker.string(s).length();
        }
        return n;
    }
}
