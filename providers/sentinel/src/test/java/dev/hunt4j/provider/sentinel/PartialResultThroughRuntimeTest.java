package dev.hunt4j.provider.sentinel;

import static dev.hunt4j.provider.sentinel.FakeLogAnalytics.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import dev.hunt4j.toolkit.testing.Routes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * A chunked query with one failing chunk under {@code on_chunk_error: keep}, run the way callers run it (runtime,
 * plugin guard, {@link QueryResult#toTable()}): the failed range and the service's message are on the result,
 * and the other chunks' rows are all there.
 */
class PartialResultThroughRuntimeTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void theCallerSeesTheFailedRangeAndTheServicesMessageAndKeepsTheOtherRows() {
        FakeLogAnalytics fake = new FakeLogAnalytics(server);
        TimeRange failed = new TimeRange(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)));
        fake.handler = r -> FakeLogAnalytics.timespan(r).equals(failed)
                ? Routes.json(500, "{\"error\":{\"message\":\"engine failure in partition 7\",\"code\":\"InternalServerError\"}}")
                : fake.answer(r);
        TimeRange threeDays = new TimeRange(T0, T0.plus(Duration.ofDays(3)));
        Map<String, Object> settings = Map.of("workspace_id", FakeLogAnalytics.WORKSPACE, "tenant_id", FakeLogAnalytics.TENANT,
                "client_id", FakeLogAnalytics.CLIENT, "client_secret", "env:LA_SECRET", "login_url", server.url("/").toString(),
                "api_url", server.url("/").toString(), "retry_backoff", "10ms", "max_retries", 1, "split_by", "1d",
                "on_chunk_error", "keep");
        Map<String, String> env = Map.of("LA_SECRET", FakeLogAnalytics.SECRET);
        try (Hunt4j h = Hunt4j.builder().provider("la", "sentinel", settings).environment(env::get).build();
             QueryResult r = h.provider("la").queryText("Events", QueryOptions.defaults().withTimeRange(threeDays))) {
            Table t = r.toTable();
            List<String> warnings = r.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("time chunk 2 of 3 (2024-03-02T00:00:00Z..2024-03-03T00:00:00Z)"), warnings.get(0));
            assertTrue(warnings.get(0).contains("engine failure in partition 7"), warnings.get(0));
            assertTrue(!warnings.get(0).contains(FakeLogAnalytics.SECRET), "no secret in a warning");

            List<Instant> expected = IntStream.range(0, FakeLogAnalytics.ROWS)
                    .mapToObj(i -> T0.plus(Duration.ofMinutes(61L * i)).plusNanos(1234500))
                    .filter(x -> threeDays.contains(x) && !failed.contains(x)).toList();
            assertEquals(expected.size(), t.rowCount());
            List<Instant> got = IntStream.range(0, t.rowCount()).mapToObj(i -> t.instantColumn("TimeGenerated").get(i)).toList();
            assertEquals(expected.stream().map(x -> x.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).toList(), got,
                    "every row of the other two chunks, in order");
        }
    }
}
