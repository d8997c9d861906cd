package dev.hunt4j.analysis.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimeSeriesAnalyzerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final List<Column> COLS = List.of(new Column("TimeGenerated", ColumnType.STRING),
            new Column("Computer", ColumnType.STRING), new Column("Bytes", ColumnType.STRING));

    private static List<Object[]> rows(String host, double[] y) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            rows.add(new Object[] {T0.plusSeconds(3600L * i).toString(), host, Double.isNaN(y[i]) ? null : Double.toString(y[i])});
        }
        return rows;
    }

    private static Map<String, Long> flags(ResultStream out, int timeCol) {
        Map<String, Long> m = new TreeMap<>();
        int an = out.columns().size() - 1;
        out.forEachRow(r -> {
            if ((Long) r[an] != 0) {
                m.put(r[timeCol].toString(), (Long) r[an]);
            }
        });
        return m;
    }

    private static String hour(int i) {
        return T0.plusSeconds(3600L * i).toString();
    }

    @Test
    void addsMsticpysColumnsAndFindsThePlantedSpikes() {
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().valueColumn("Bytes");
        b.detector().scoring(Scoring.MSTICPY);
        ResultStream out = b.build().analyze(ResultStream.of(COLS, rows("h1", TimeSeriesAnomaliesTest.planted())));
        List<String> names = out.columns().stream().map(Column::name).toList();
        assertEquals(List.of("TimeGenerated", "Computer", "Bytes", "residual", "trend", "seasonal", "weights", "baseline", "score", "anomalies"), names);
        assertEquals(ColumnType.LONG, out.columns().get(3).type());
        assertEquals(Map.of(hour(200), 1L, hour(386), 1L, hour(434), 1L, hour(600), 1L), flags(out, 0));
    }

    @Test
    void unsortedInputGivesTheSameResult() {
        List<Object[]> rows = rows("h1", TimeSeriesAnomaliesTest.planted());
        Collections.shuffle(rows, new Random(7));
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().valueColumn("Bytes");
        b.detector().scoring(Scoring.MSTICPY);
        ResultStream out = b.build().analyze(ResultStream.of(COLS, rows));
        List<Object[]> all = out.toList();
        assertEquals(hour(0), all.get(0)[0]);
        assertEquals(hour(719), all.get(719)[0]);
        assertEquals(Map.of(hour(200), 1L, hour(386), 1L, hour(434), 1L, hour(600), 1L), flags(ResultStream.of(out.columns(), all), 0));
    }

    @Test
    void duplicateTimesAreSummedOrRefused() {
        double[] y = TimeSeriesAnomaliesTest.planted();
        List<Object[]> rows = rows("h1", y);
        rows.add(new Object[] {hour(10), "h1", "7"});
        ResultStream out = TimeSeriesAnalyzer.builder().valueColumn("Bytes").build().analyze(ResultStream.of(COLS, rows));
        List<Object[]> all = out.toList();
        assertEquals(720, all.size());
        assertEquals(y[10] + 7, Double.parseDouble(all.get(10)[2].toString()), 1e-9);
        TimeSeriesAnalyzer strict = TimeSeriesAnalyzer.builder().valueColumn("Bytes").duplicates(TimeSeriesAnalyzer.Duplicates.ERROR).build();
        QueryException e = assertThrows(QueryException.class, () -> strict.analyze(ResultStream.of(COLS, rows)));
        assertTrue(e.getMessage().contains("2024-05-01T10:00:00Z"), e.getMessage());
    }

    @Test
    void emptyAndNonNumericValuesAreMissingPoints() {
        double[] y = TimeSeriesAnomaliesTest.planted();
        y[100] = Double.NaN;
        List<Object[]> rows = rows("h1", y);
        rows.get(101)[2] = "n/a";
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().valueColumn("Bytes");
        b.detector().robustStl(true).threshold(5);
        List<Object[]> all = b.build().analyze(ResultStream.of(COLS, rows)).toList();
        assertNull(all.get(100)[3], "no residual for a missing point");
        assertNull(all.get(101)[8], "no score for a missing point");
        assertEquals(0L, all.get(100)[9]);
        assertEquals(-1L, all.get(410)[9]);
    }

    @Test
    void groupsAreSeparateSeries() {
        double[] quiet = TimeSeriesAnomaliesTest.planted();
        quiet[200] -= 15;
        quiet[410] += 15;
        quiet[600] -= 15;
        List<Object[]> rows = new ArrayList<>(rows("quiet", quiet));
        rows.addAll(rows("noisy", TimeSeriesAnomaliesTest.planted()));
        Collections.shuffle(rows, new Random(3));
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().valueColumn("Bytes").groupBy(List.of("Computer"));
        b.detector().robustStl(true).threshold(5).parallelism(2);
        Map<String, Long> byHost = new TreeMap<>();
        ResultStream out = b.build().analyze(ResultStream.of(COLS, rows));
        out.forEachRow(r -> {
            if ((Long) r[9] != 0) {
                byHost.put(r[1] + "@" + r[0], (Long) r[9]);
            }
        });
        assertEquals(Map.of("noisy@" + hour(200), 1L, "noisy@" + hour(410), -1L, "noisy@" + hour(600), 1L), byHost);
    }

    @Test
    void shortGroupIsNamedInTheError() {
        List<Object[]> rows = new ArrayList<>(rows("long", TimeSeriesAnomaliesTest.planted()));
        rows.addAll(rows("short", new double[] {1, 2, 3}));
        TimeSeriesAnalyzer a = TimeSeriesAnalyzer.builder().valueColumn("Bytes").groupBy(List.of("Computer")).build();
        QueryException e = assertThrows(QueryException.class, () -> a.analyze(ResultStream.of(COLS, rows)));
        assertTrue(e.getMessage().contains("Computer=short") && e.getMessage().contains("two periods"), e.getMessage());
    }

    @Test
    void countsRawEventsPerBucketWithEmptyBucketsZero() {
        // events: 18 to 22 per hour (seeded) over 10 days, none at all in hour 130, 80 in hour 200
        Random rnd = new Random(11);
        List<Object[]> rows = new ArrayList<>();
        for (int h = 0; h < 240; h++) {
            int n = h == 130 ? 0 : h == 200 ? 80 : 18 + rnd.nextInt(5);
            for (int k = 0; k < n; k++) {
                rows.add(new Object[] {T0.plusSeconds(3600L * h + 30L * k).toString(), "h1", null});
            }
        }
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().count(true).bucket(Duration.ofHours(1));
        b.detector().robustStl(true).threshold(5);
        ResultStream out = b.build().analyze(ResultStream.of(COLS, rows));
        assertEquals(List.of("TimeGenerated", "Count"), out.columns().subList(0, 2).stream().map(Column::name).toList());
        List<Object[]> all = out.toList();
        assertEquals(240, all.size());
        assertEquals(0L, all.get(130)[1]);
        assertEquals(80L, all.get(200)[1]);
        assertEquals(T0.plusSeconds(3600L * 200), all.get(200)[0]);
        Map<Integer, Long> flagged = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            if ((Long) all.get(i)[8] != 0) {
                flagged.put(i, (Long) all.get(i)[8]);
            }
        }
        // the burst also lifts the seasonal estimate of the same hour a day before and after (176, 224), which then
        // score as dips: STL's seasonal smoother spans neighbouring days (statsmodels gives the same residuals)
        assertEquals(Map.of(130, -1L, 176, -1L, 200, 1L, 224, -1L), flagged);
    }

    @Test
    void periodsAndKqlResults() {
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().valueColumn("Bytes").result(TimeSeriesAnalyzer.Result.KQL);
        b.detector().scoring(Scoring.MSTICPY);
        List<Object[]> kql = b.build().analyze(ResultStream.of(COLS, rows("h1", TimeSeriesAnomaliesTest.planted()))).toList();
        assertEquals(1, kql.size());
        assertEquals(4L, kql.get(0)[0], "200, 386, 434 and 600 are all more than two hours apart");
        assertTrue(kql.get(0)[1].toString().startsWith("| where TimeGenerated between (datetime(2024-05-09 07:00:00+00:00) .. datetime(2024-05-09 09:00:00+00:00)) or"),
                kql.get(0)[1].toString());
    }

    @Test
    void columnsFromAnEarlierRunAreReplaced() {
        List<Column> cols = List.of(new Column("TimeGenerated", ColumnType.STRING), new Column("Bytes", ColumnType.STRING),
                new Column("score", ColumnType.STRING), new Column("anomalies", ColumnType.STRING));
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : rows("h1", TimeSeriesAnomaliesTest.planted())) {
            rows.add(new Object[] {r[0], r[2], "0.5", "0"});
        }
        TimeSeriesAnalyzer.Builder b = TimeSeriesAnalyzer.builder().valueColumn("Bytes");
        b.detector().scoring(Scoring.MSTICPY);
        ResultStream out = b.build().analyze(ResultStream.of(cols, rows));
        assertEquals(List.of("TimeGenerated", "Bytes", "residual", "trend", "seasonal", "weights", "baseline", "score", "anomalies"),
                out.columns().stream().map(Column::name).toList());
        assertEquals(Map.of(hour(200), 1L, hour(386), 1L, hour(434), 1L, hour(600), 1L), flags(out, 0));
    }

    @Test
    void missingColumnIsNamed() {
        TimeSeriesAnalyzer a = TimeSeriesAnalyzer.builder().valueColumn("TotalBytesSent").build();
        QueryException e = assertThrows(QueryException.class, () -> a.analyze(ResultStream.of(COLS, rows("h1", new double[60]))));
        assertTrue(e.getMessage().contains("'TotalBytesSent'") && e.getMessage().contains("value column"), e.getMessage());
    }

    @Test
    void factoryValidatesOptions() {
        TimeSeriesAnalyzerFactory f = new TimeSeriesAnalyzerFactory();
        assertEquals("timeseries", f.name());
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("value_column", "x", "perod", "24")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("value_column", "x", "period", "a day")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("count", "true")));
        ResultStream out = f.create(Map.of("value_column", "Bytes", "scoring", "msticpy", "result", "periods"))
                .analyze(ResultStream.of(COLS, rows("h1", TimeSeriesAnomaliesTest.planted())));
        assertEquals(List.of("start", "end"), out.columns().stream().map(Column::name).toList());
        assertEquals(4, out.toList().size());
    }
}
