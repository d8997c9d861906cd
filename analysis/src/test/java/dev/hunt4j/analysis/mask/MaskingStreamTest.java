package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.analysis.AnalyzerFactory;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskingStreamTest {
    private static final Masker M = Masker.builder().key(TestKeys.KEY_A).build();

    /** The columns of MSTICPy's host_logons.csv, typed as a provider would deliver them. */
    static final List<Column> LOGON_COLUMNS = List.of(
            new Column("TenantId", ColumnType.STRING), new Column("Account", ColumnType.STRING),
            new Column("EventID", ColumnType.LONG), new Column("TimeGenerated", ColumnType.TIMESTAMP),
            new Column("SourceComputerId", ColumnType.STRING), new Column("Computer", ColumnType.STRING),
            new Column("SubjectUserName", ColumnType.STRING), new Column("SubjectDomainName", ColumnType.STRING),
            new Column("SubjectUserSid", ColumnType.STRING), new Column("TargetUserName", ColumnType.STRING),
            new Column("TargetDomainName", ColumnType.STRING), new Column("TargetUserSid", ColumnType.STRING),
            new Column("TargetLogonId", ColumnType.STRING), new Column("LogonProcessName", ColumnType.STRING),
            new Column("LogonType", ColumnType.LONG), new Column("AuthenticationPackageName", ColumnType.STRING),
            new Column("Status", ColumnType.STRING), new Column("IpAddress", ColumnType.STRING),
            new Column("WorkstationName", ColumnType.STRING));

    /** Values the rules keep on purpose (documented in the README). */
    private static final Set<String> KEPT = Set.of("", "-", "SYSTEM", "NT AUTHORITY", "WORKGROUP", "S-1-5-18",
            "S-1-5-19", "S-1-5-20", "127.0.0.1", "::1", "LOCAL SERVICE", "NETWORK SERVICE", "ANONYMOUS LOGON",
            "Window Manager", "Font Driver Host", "DWM-1", "UMFD-0", "NT AUTHORITY\\SYSTEM");

    /** A generator of realistic logon rows; rows are made when asked for. */
    static final class LogonGenerator implements ResultStream {
        final AtomicInteger produced = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        private final int rows;
        private final Random r;

        LogonGenerator(int rows, long seed) {
            this.rows = rows;
            this.r = new Random(seed);
        }

        @Override
        public List<Column> columns() {
            return LOGON_COLUMNS;
        }

        @Override
        public Object[] next() {
            if (produced.get() == rows) {
                return null;
            }
            produced.incrementAndGet();
            return row(r);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    static Object[] row(Random r) {
        int host = r.nextInt(50);
        String computer = "WKS-" + host + (r.nextBoolean() ? ".corp.contoso.com" : "");
        boolean service = r.nextInt(5) == 0;
        String user = service ? "SYSTEM" : "user" + r.nextInt(300);
        String domain = service ? "NT AUTHORITY" : "CONTOSO";
        String sid = service ? "S-1-5-18" : "S-1-5-21-996632719-2361334927-4038480536-" + (1000 + r.nextInt(300));
        String ip = r.nextInt(4) == 0 ? "-" : r.nextBoolean() ? "10.0." + r.nextInt(8) + "." + r.nextInt(256)
                : (20 + r.nextInt(150)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        return new Object[] {"802d39e1-9d70-404d-832c-2de5e2478eda", domain + "\\" + user, 4624L,
            Instant.ofEpochSecond(1_547_529_302L + r.nextInt(86_400)), "46fe7078-61bb-4bed-9430-7ac01d91c273",
            computer, "WKS-" + host + "$", "CONTOSO", "S-1-5-18", user, domain, sid,
            "0x" + Integer.toHexString(r.nextInt()), "Advapi", (long) (2 + r.nextInt(9)), "Negotiate", null, ip,
            "WKS-" + host};
    }

    @Test
    void masksMappedStringColumnsOnlyAndNothingLeaks() {
        List<Object[]> in = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            in.add(row(r));
        }
        List<Object[]> out = M.mask(ResultStream.of(LOGON_COLUMNS, in)).toList();
        assertEquals(in.size(), out.size());
        ColumnMap map = M.columnMap();
        for (int i = 0; i < in.size(); i++) {
            for (int c = 0; c < LOGON_COLUMNS.size(); c++) {
                Column col = LOGON_COLUMNS.get(c);
                Object before = in.get(i)[c];
                Object after = out.get(i)[c];
                MaskType t = map.typeOf(col.name());
                if (t == null || col.type() != ColumnType.STRING || before == null) {
                    assertSame(before, after, col.name());
                } else if (!KEPT.contains(before)) {
                    assertNotEquals(before, after, col.name() + " passed through unmasked");
                    assertFalse(((String) after).contains("contoso") || ((String) after).contains("CONTOSO"),
                            col.name() + ": " + after);
                } else {
                    assertEquals(before, after, col.name());
                }
            }
        }
        // the input rows were not modified
        assertTrue(((String) in.get(0)[5]).startsWith("WKS-"));
    }

    @Test
    void joinsSurviveMasking() {
        // the same host and account in two tables and in different columns get the same masks
        List<Column> procCols = List.of(new Column("Computer", ColumnType.STRING),
                new Column("SubjectUserName", ColumnType.STRING), new Column("SubjectDomainName", ColumnType.STRING),
                new Column("SubjectUserSid", ColumnType.STRING));
        List<Object[]> logons = new ArrayList<>();
        List<Object[]> procs = new ArrayList<>();
        Random r = new Random(2);
        for (int i = 0; i < 500; i++) {
            Object[] l = row(r);
            logons.add(l);
            procs.add(new Object[] {l[18], l[9], l[10], l[11]}); // WorkstationName, TargetUser*
        }
        Masker other = Masker.builder().key(TestKeys.KEY_A).build(); // another day, same key
        List<Object[]> ml = M.mask(ResultStream.of(LOGON_COLUMNS, logons)).toList();
        List<Object[]> mp = other.mask(ResultStream.of(procCols, procs)).toList();
        Map<Object, Object> hostMask = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            assertEquals(ml.get(i)[18], mp.get(i)[0], "WorkstationName joins Computer");
            assertEquals(ml.get(i)[9], mp.get(i)[1], "TargetUserName joins SubjectUserName");
            assertEquals(ml.get(i)[10], mp.get(i)[2]);
            assertEquals(ml.get(i)[11], mp.get(i)[3]);
            Object prev = hostMask.put(logons.get(i)[18], ml.get(i)[18]);
            assertTrue(prev == null || prev.equals(ml.get(i)[18]), "one host, one mask");
            // the machine account and the host name agree too
            assertEquals(ml.get(i)[6], ml.get(i)[18] + "$");
        }
        assertEquals(hostMask.size(), Set.copyOf(hostMask.values()).size(), "two hosts never share a mask");
    }

    @Test
    void streamsRowByRow() {
        LogonGenerator gen = new LogonGenerator(100_000, 3);
        long rows = 0;
        try (ResultStream masked = M.mask(gen)) {
            assertEquals(LOGON_COLUMNS, masked.columns());
            assertEquals(0, gen.produced.get(), "nothing read before the first next()");
            assertTrue(masked.next() != null);
            assertEquals(1, gen.produced.get(), "one row in, one row out");
            rows = 1;
            for (Object[] row = masked.next(); row != null; row = masked.next()) {
                rows++;
                assertEquals(rows, gen.produced.get());
            }
            assertNull(masked.next());
        }
        assertEquals(100_000, rows);
        assertTrue(gen.closed.get(), "closing the masked stream closes the input");
    }

    @Test
    void analyzerFactory(@TempDir Path dir) throws IOException {
        MaskAnalyzerFactory f = new MaskAnalyzerFactory();
        assertEquals("mask", f.name());
        assertEquals(Set.of("key", "passphrase", "map", "parallelism"), f.options().keySet());
        String key = M.keyHex();
        var withKey = f.create(Map.of("key", key));
        assertEquals(M.ip("10.1.1.1"), withKey.masker().ip("10.1.1.1"));
        var random = f.create(Map.of());
        assertTrue(random.masker().keyGenerated());

        Path map = dir.resolve("m.yaml");
        Files.writeString(map, "Status: str\nkeep: [Computer]\n");
        var withMap = f.create(Map.of("key", key, "map", map.toString()));
        List<Object[]> out = withMap.analyze(ResultStream.of(List.of(new Column("Status", ColumnType.STRING),
                new Column("Computer", ColumnType.STRING)), List.<Object[]>of(new Object[] {"0xc000006d", "WKS-1"})))
                .toList();
        assertNotEquals("0xc000006d", out.get(0)[0]);
        assertEquals("WKS-1", out.get(0)[1]);

        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("colour", "red")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("key", key, "passphrase", "x")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("key", "abc")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("map", dir.resolve("nope.yaml").toString())));
    }

    @Test
    void registeredAsPf4jExtension() throws IOException {
        boolean found = false;
        for (var urls = getClass().getClassLoader().getResources("META-INF/extensions.idx"); urls.hasMoreElements(); ) {
            try (InputStream in = urls.nextElement().openStream()) {
                found |= new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(MaskAnalyzerFactory.class.getName());
            }
        }
        assertTrue(found, "MaskAnalyzerFactory missing from META-INF/extensions.idx");
        assertTrue(AnalyzerFactory.class.isAssignableFrom(MaskAnalyzerFactory.class));
    }

    @Test
    void parallelMaskingGivesTheSameRowsInTheSameOrder() {
        Masker parallel = Masker.builder().key(TestKeys.KEY_A).parallelism(3).build();
        assertEquals(3, parallel.parallelism());
        assertEquals(1, M.parallelism());
        List<Object[]> serial = M.mask(new LogonGenerator(20_000, 5)).toList();
        List<Object[]> par = parallel.mask(new LogonGenerator(20_000, 5)).toList();
        assertEquals(serial.size(), par.size());
        for (int i = 0; i < serial.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(serial.get(i), par.get(i), "row " + i);
        }
    }

    @Test
    void parallelMaskingStreamsWithBoundedReadAhead() {
        LogonGenerator gen = new LogonGenerator(1_000_000, 6);
        try (ResultStream masked = Masker.builder().key(TestKeys.KEY_A).parallelism(2).build().mask(gen)) {
            assertEquals(0, gen.produced.get(), "nothing read before the first next()");
            assertTrue(masked.next() != null);
            assertTrue(gen.produced.get() <= 2 * 3 * 1024, "read ahead " + gen.produced.get());
        }
        assertTrue(gen.closed.get(), "closing the masked stream closes the input");
        assertThrows(IllegalArgumentException.class, () -> Masker.builder().parallelism(0));
    }

    @Test
    void columnsWithMoreDistinctValuesThanTheCacheHoldStillMaskRight() {
        // more distinct values than a column cache keeps, repeated out of order: evictions must not change masks
        List<Column> cols = List.of(new Column("IpAddress", ColumnType.STRING), new Column("Computer", ColumnType.STRING));
        List<Object[]> rows = new ArrayList<>();
        Random r = new Random(9);
        for (int i = 0; i < 60_000; i++) {
            int n = r.nextInt(20_000);
            rows.add(new Object[] {"10." + (n >> 8) + "." + (n & 0xff) + ".1", "host" + n});
        }
        List<Object[]> out = M.mask(ResultStream.of(cols, rows)).toList();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(M.ip((String) rows.get(i)[0]), out.get(i)[0]);
            assertEquals(M.host((String) rows.get(i)[1]), out.get(i)[1]);
        }
    }
}
