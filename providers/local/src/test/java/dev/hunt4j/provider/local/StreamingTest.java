package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.Cancellation;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structural checks that reading streams: the only rows ever buffered are the type-inference sample, and it
 * is released once handed out; take stops reading; the file is closed at the end and on close().
 */
class StreamingTest {
    static final int ROWS = 25_000;
    @TempDir
    static Path dir;

    @BeforeAll
    static void bigFiles() throws IOException {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("big.csv"), StandardCharsets.UTF_8);
             BufferedWriter j = Files.newBufferedWriter(dir.resolve("big.jsonl"), StandardCharsets.UTF_8)) {
            w.write("TimeGenerated,Computer,EventID,CommandLine\n");
            for (int i = 0; i < ROWS; i++) {
                String t = t0.plusSeconds(i).toString();
                w.write(t + ",host" + (i % 10) + "," + (4600 + i % 100) + ",\"cmd /c echo " + i + "\"\n");
                j.write("{\"TimeGenerated\":\"" + t + "\",\"n\":" + i + ",\"obj\":{\"i\":" + i + "}}\n");
            }
        }
    }

    private static void assertBufferBounded(QueryProvider p, String query, int sample) {
        try (ResultStream rs = p.execute(query, QueryOptions.defaults())) {
            LocalResultStream ls = (LocalResultStream) rs;
            DataFile f = ls.currentFile();
            assertEquals(sample, f.sampledRows(), "rows read ahead for type inference");
            int n = 0;
            int maxBuffered = f.bufferedRows();
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                n++;
                if (ls.currentFile() != null) {
                    maxBuffered = Math.max(maxBuffered, ls.currentFile().bufferedRows());
                    if (n > sample) {
                        assertEquals(0, ls.currentFile().bufferedRows(), "the sample is released once handed out");
                    }
                }
            }
            assertTrue(maxBuffered <= sample, "buffered " + maxBuffered + " rows");
            assertEquals(ROWS, n);
            assertNull(ls.currentFile(), "the file is closed at the end");
        }
    }

    @Test
    void onlyTheSampleIsEverBuffered() {
        int before = DataFile.openFiles();
        assertBufferBounded(Fixture.provider(dir), "big.csv", LocalSettings.DEFAULT_SAMPLE_ROWS);
        assertBufferBounded(Fixture.provider(dir), "big.jsonl", LocalSettings.DEFAULT_SAMPLE_ROWS);
        QueryProvider small = new LocalFilesProviderFactory().connect(Fixture.settings(dir).with("sample_rows", 10));
        assertBufferBounded(small, "big.csv", 10);
        assertEquals(before, DataFile.openFiles());
    }

    @Test
    void filtersCountWithoutHoldingRows() {
        assertEquals((long) ROWS / 10, Fixture.first(Fixture.provider(dir), "big.csv | where Computer == \"host3\" | count").get(0));
        assertEquals(1000L, Fixture.first(Fixture.provider(dir), "big.jsonl | where n >= 24000 and obj contains \"i\" | count").get(0));
    }

    @Test
    void takeStopsReadingAndClosesTheFile() {
        int before = DataFile.openFiles();
        try (ResultStream rs = Fixture.provider(dir).execute("big.csv | take 3", QueryOptions.defaults())) {
            assertEquals(before + 1, DataFile.openFiles());
            for (int i = 0; i < 3; i++) {
                assertNotNull(rs.next());
            }
            assertNull(rs.next());
            assertEquals(before, DataFile.openFiles(), "the file is closed as soon as the result ends");
        }
    }

    @Test
    void cancellationDuringALongFilterStopsPromptly() {
        Cancellation c = new Cancellation();
        try (ResultStream rs = Fixture.provider(dir).execute("big.csv | where Computer == \"host1\"", QueryOptions.defaults().withCancellation(c))) {
            assertNotNull(rs.next());
            c.cancel();
            QueryException e = assertThrows(QueryException.class, rs::next);
            assertTrue(e.getMessage().contains("cancelled") && e.getMessage().contains("big.csv"), e.getMessage());
            assertNull(rs.next(), "a failed stream is closed");
        }
    }
}
