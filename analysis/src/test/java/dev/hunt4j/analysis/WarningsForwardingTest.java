package dev.hunt4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hunt4j.analysis.b64.Base64Unpacker;
import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.analysis.mask.Masker;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** An analysis over a partial result keeps telling what the result left out (ResultStream.warnings). */
class WarningsForwardingTest {
    private static final String SKIPPED = "time chunk 2 of 3 (2024-03-02T00:00:00Z..2024-03-03T00:00:00Z) failed: throttled";

    /** 3,000 rows (several parallel chunks) of a result that skipped a chunk. */
    private static ResultStream partial() {
        List<Column> cols = List.of(new Column("Computer", ColumnType.STRING), new Column("CommandLine", ColumnType.STRING));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(new Object[] {"wks-" + i % 7 + ".corp.example.com", "curl http://198.51.100." + i % 250 + "/a -o x" + i});
        }
        ResultStream in = ResultStream.of(cols, rows);
        return new ResultStream() {
            @Override
            public List<Column> columns() {
                return in.columns();
            }

            @Override
            public Object[] next() {
                return in.next();
            }

            @Override
            public void close() {
                in.close();
            }

            @Override
            public List<String> warnings() {
                return List.of(SKIPPED);
            }
        };
    }

    private static void assertForwarded(UnaryOperator<ResultStream> analysis) {
        try (ResultStream out = analysis.apply(partial())) {
            while (out.next() != null) {
                // read to the end: warnings are final then
            }
            assertEquals(List.of(SKIPPED), out.warnings());
        }
    }

    @Test
    void maskingKeepsTheWarnings() {
        Masker m = Masker.builder().key(new byte[16]).parallelism(2).build();
        assertForwarded(m::mask);
    }

    @Test
    void iocExtractionKeepsTheWarnings() {
        IocExtractor x = IocExtractor.builder().parallelism(2).build();
        assertForwarded(in -> x.extract(in, List.of("CommandLine")));
    }

    @Test
    void base64UnpackingKeepsTheWarnings() {
        assertForwarded(in -> Base64Unpacker.defaults().unpack(in, "CommandLine"));
    }

    @Test
    void parallelChunksKeepTheWarnings() {
        assertForwarded(in -> ParallelRows.over(in).parallelism(2).chunkRows(100).map((rows, first) -> rows));
    }
}
