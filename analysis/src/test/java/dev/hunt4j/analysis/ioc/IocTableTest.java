package dev.hunt4j.analysis.ioc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IocTableTest {
    private static final List<Column> COLS = List.of(new Column("Computer", ColumnType.STRING),
            new Column("CommandLine", ColumnType.STRING), new Column("Count", ColumnType.LONG));

    /** A stream that counts what was read and whether it was closed. */
    static final class Source implements ResultStream {
        final List<Column> cols;
        final java.util.function.LongFunction<Object[]> rowAt;
        final long size;
        long read;
        boolean closed;

        Source(List<Column> cols, long size, java.util.function.LongFunction<Object[]> rowAt) {
            this.cols = cols;
            this.size = size;
            this.rowAt = rowAt;
        }

        @Override
        public List<Column> columns() {
            return cols;
        }

        @Override
        public Object[] next() {
            return read < size ? rowAt.apply(read++) : null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void columnsRowsAndSourceIndex() {
        Source in = new Source(COLS, 3, i -> switch ((int) i) {
            case 0 -> new Object[] {"ws1.corp.com", "ping 8.8.8.8", 1L};
            case 1 -> new Object[] {null, null, 2L};
            default -> new Object[] {"evil.com", "curl http://evil.com/a 8.8.8.8", 3L};
        });
        List<Object[]> rows = IocExtractor.builder().parallelism(1).build()
                .extract(in, List.of("CommandLine", "Computer")).toList();
        assertEquals(List.of("IoCType", "Observable", "SourceIndex", "Input"),
                IocExtractor.RESULT_COLUMNS.stream().map(Column::name).toList());
        assertEquals(5, rows.size());
        assertArrayEquals(new Object[] {"ipv4", "8.8.8.8", 0L, "ping 8.8.8.8"}, rows.get(0));
        assertArrayEquals(new Object[] {"dns", "ws1.corp.com", 0L, "ws1.corp.com"}, rows.get(1));
        assertArrayEquals(new Object[] {"url", "http://evil.com/a", 2L, "curl http://evil.com/a 8.8.8.8"}, rows.get(2));
        assertArrayEquals(new Object[] {"ipv4", "8.8.8.8", 2L, "curl http://evil.com/a 8.8.8.8"}, rows.get(3));
        // the URL's host is not repeated, but the same name standing alone in another column is an observable
        assertArrayEquals(new Object[] {"dns", "evil.com", 2L, "evil.com"}, rows.get(4));
        assertTrue(in.closed);
    }

    @Test
    void oneRowPerInputRowTypeAndObservable() {
        Source in = new Source(COLS, 1, i -> new Object[] {"1.2.3.4", "1.2.3.4 and 1.2.3.4", 1L});
        List<Object[]> rows = IocExtractor.defaults().extract(in, List.of("CommandLine", "Computer")).toList();
        assertEquals(1, rows.size());
    }

    @Test
    void nonStringColumnsAreSearchedAsText() {
        Source in = new Source(COLS, 1, i -> new Object[] {"x", "y", 1234L});
        assertEquals(0, IocExtractor.defaults().extract(in, List.of("Count")).toList().size());
    }

    @Test
    void missingColumnIsNamedAndTheInputClosed() {
        Source in = new Source(COLS, 1, i -> new Object[] {"a", "b", 1L});
        QueryException e = assertThrows(QueryException.class, () -> IocExtractor.defaults().extract(in, List.of("CommandLine", "Nope")));
        assertTrue(e.getMessage().contains("'Nope'") && e.getMessage().contains("CommandLine"), e.getMessage());
        assertTrue(in.closed);
    }

    @Test
    void parallelOutputIsIdenticalToSerialOutput() {
        List<IocCorpus.Line> corpus = IocCorpus.generate(7, 6000);
        List<Object[]> serial = IocExtractor.builder().includePaths(true).parallelism(1).build()
                .extract(corpusStream(corpus), List.of("CommandLine")).toList();
        List<Object[]> parallel = IocExtractor.builder().includePaths(true).parallelism(4).build()
                .extract(corpusStream(corpus), List.of("CommandLine")).toList();
        assertTrue(serial.size() > 10_000, "corpus too small: " + serial.size());
        assertEquals(serial.size(), parallel.size());
        for (int i = 0; i < serial.size(); i++) {
            assertArrayEquals(serial.get(i), parallel.get(i), "row " + i);
        }
    }

    private static ResultStream corpusStream(List<IocCorpus.Line> corpus) {
        return new Source(COLS, corpus.size(), i -> new Object[] {"h", corpus.get((int) i).text(), i});
    }

    @Test
    void streamsWithBoundedReadAheadAndClosesEarly() {
        Source in = new Source(COLS, 10_000_000, i -> new Object[] {"h", "connect 10.0.0." + (i % 250 + 1), i});
        ResultStream out = IocExtractor.builder().parallelism(2).build().extract(in, List.of("CommandLine"));
        assertEquals("10.0.0.1", out.next()[1]);
        assertTrue(in.read <= 100_000, "read ahead " + in.read + " rows");
        out.close();
        assertTrue(in.closed);
        assertNull(out.next());
    }

    @Test
    void analyzerFactory() {
        IocExtractAnalyzerFactory f = new IocExtractAnalyzerFactory();
        assertEquals("ioc-extract", f.name());
        assertTrue(f.options().containsKey("columns"));
        Analyzer a = f.create(Map.of("columns", "CommandLine", "types", "ipv4,url", "include_paths", "true", "parallelism", "2"));
        List<Object[]> rows = a.analyze(new Source(COLS, 1, i -> new Object[] {"evil.com", "C:\\x\\y.exe 1.2.3.4 evil.com", 1L})).toList();
        assertEquals(1, rows.size());
        assertEquals("ipv4", rows.get(0)[0]);

        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("columns", "a", "colums", "b")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("columns", "a", "include_paths", "maybe")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("columns", "a", "types", "ipv5")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("columns", "a", "parallelism", "two")));
    }

    @Test
    void analyzerIsListedInTheExtensionIndex() throws Exception {
        StringBuilder all = new StringBuilder();
        var urls = getClass().getClassLoader().getResources("META-INF/extensions.idx");
        while (urls.hasMoreElements()) {
            try (var in = urls.nextElement().openStream()) {
                all.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertTrue(all.toString().contains(IocExtractAnalyzerFactory.class.getName()), all.toString());
    }

    @Test
    void workerFailuresReachTheCaller() {
        Source in = new Source(List.of(new Column("c", ColumnType.STRING)), 5, i -> {
            return new Object[] {new Object() {
                @Override
                public String toString() {
                    throw new IllegalStateException("boom");
                }
            }};
        });
        ResultStream out = IocExtractor.builder().parallelism(2).build().extract(in, List.of("c"));
        assertThrows(IllegalStateException.class, out::next);
        out.close();
        assertTrue(in.closed);
    }

    @Test
    void emptyInput() {
        Source in = new Source(COLS, 0, i -> null);
        assertEquals(new ArrayList<>(), IocExtractor.defaults().extract(in, List.of("CommandLine")).toList());
    }
}
