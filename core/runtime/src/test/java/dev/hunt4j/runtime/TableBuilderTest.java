package dev.hunt4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.instant.PackedInstant;

/** {@link QueryResult#toTable} builds exactly the table Tablesaw's own per-cell appends build. */
class TableBuilderTest {
    static final List<Column> COLS = List.of(new Column("t", ColumnType.TIMESTAMP), new Column("host", ColumnType.STRING),
            new Column("n", ColumnType.LONG), new Column("score", ColumnType.DOUBLE), new Column("ok", ColumnType.BOOLEAN),
            new Column("id", ColumnType.STRING), new Column("data", ColumnType.JSON));

    /** Seeded rows with ~10% nulls; {@code id} is unique per row, so past 32,767 rows Tablesaw stops using a dictionary. */
    static List<Object[]> rows(int n) {
        Random rnd = new Random(7);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] r = {
                Instant.ofEpochSecond(rnd.nextLong() % 4_000_000_000L, rnd.nextInt(1_000_000_000)),
                "WKS-" + rnd.nextInt(300), rnd.nextLong(), rnd.nextGaussian(), rnd.nextBoolean(), "id-" + i,
                "{\"k\":" + rnd.nextInt(50) + "}"};
            for (int c = 0; c < r.length; c++) {
                if (rnd.nextInt(10) == 0) {
                    r[c] = null;
                }
            }
            out.add(r);
        }
        return out;
    }

    /** The table as Tablesaw builds it appending each boxed value (what toTable did before). */
    static Table reference(List<Object[]> rows) {
        InstantColumn t = InstantColumn.create("t");
        StringColumn host = StringColumn.create("host");
        LongColumn n = LongColumn.create("n");
        DoubleColumn score = DoubleColumn.create("score");
        BooleanColumn ok = BooleanColumn.create("ok");
        StringColumn id = StringColumn.create("id");
        StringColumn data = StringColumn.create("data");
        for (Object[] r : rows) {
            t.append((Instant) r[0]);
            host.append((String) r[1]);
            if (r[2] == null) {
                n.appendMissing();
            } else {
                n.append((Long) r[2]);
            }
            if (r[3] == null) {
                score.appendMissing();
            } else {
                score.append((Double) r[3]);
            }
            if (r[4] == null) {
                ok.appendMissing();
            } else {
                ok.append((Boolean) r[4]);
            }
            id.append((String) r[5]);
            data.append((String) r[6]);
        }
        return Table.create("q", t, host, n, score, ok, id, data);
    }

    @Test
    void theTableIsIdenticalToPerCellAppendsColumnByColumnAndCellByCell() {
        List<Object[]> rows = rows(40_000);
        Table expected = reference(rows);
        Table actual = QueryResult.toTable("q", ResultStream.of(COLS, rows));
        assertEquals("q", actual.name());
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(40_000, actual.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            var e = expected.column(c);
            var a = actual.column(c);
            assertEquals(e.type(), a.type(), e.name());
            assertEquals(e.getClass(), a.getClass(), e.name());
            if (e instanceof StringColumn es) {
                assertEquals(es.getDictionary().getClass(), ((StringColumn) a).getDictionary().getClass(),
                        "same Tablesaw representation for " + e.name());
            }
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(e.isMissing(i), a.isMissing(i), e.name() + " row " + i);
                assertEquals(e.get(i), a.get(i), e.name() + " row " + i);
            }
        }
        assertTrue(actual.column("n").countMissing() > 0 && actual.column("t").countMissing() > 0, "nulls were in the data");
    }

    @Test
    void instantsPackExactlyAsTablesawPacksThem() {
        Random rnd = new Random(3);
        List<Instant> samples = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999Z")));
        for (int i = 0; i < 10_000; i++) {
            samples.add(Instant.ofEpochSecond(rnd.nextLong() % 10_000_000_000L, rnd.nextInt(1_000_000_000)));
        }
        for (Instant s : samples) {
            assertEquals(PackedInstant.pack(s), new TableBuilder.InstantPacker().pack(s), s.toString()); // a packer per value
        }
    }

    @Test
    void oneInstantPackerGivesTablesawsValuesOverASequenceThatCrossesDays() {
        Random rnd = new Random(5);
        TableBuilder.InstantPacker packer = new TableBuilder.InstantPacker();
        Instant t = Instant.parse("1969-12-30T23:59:58.123456789Z");
        for (int i = 0; i < 100_000; i++) {
            // mostly small steps (the same day again and again), now and then a jump anywhere, before 1970 too
            t = rnd.nextInt(100) == 0 ? Instant.ofEpochSecond(rnd.nextLong() % 10_000_000_000L, rnd.nextInt(1_000_000_000))
                    : t.plusMillis(rnd.nextInt(20_000_000) - 5_000_000);
            assertEquals(PackedInstant.pack(t), packer.pack(t), t.toString());
        }
        for (Instant out : List.of(Instant.MAX, Instant.MIN)) {
            assertThrows(java.time.DateTimeException.class, () -> PackedInstant.pack(out), "Tablesaw refuses " + out);
            assertThrows(java.time.DateTimeException.class, () -> packer.pack(out), "as the packer does: " + out);
        }
    }

    @Test
    void aValueOfTheWrongTypeNamesTheColumnAndRow() {
        List<Object[]> rows = List.of(new Object[] {null, "a", 1L, 1.0, true, "x", "{}"},
                new Object[] {null, "b", "12", 1.0, true, "y", "{}"});
        Hunt4jException e = assertThrows(Hunt4jException.class, () -> QueryResult.toTable("q", ResultStream.of(COLS, rows)));
        assertEquals("column n is LONG (Long) but row 1 has a String there", e.getMessage());
    }

    @Test
    void theFirstBadCellRowByRowIsReportedThoughColumnsAreFilledOneAfterTheOther() {
        List<Object[]> rows = rows(3 * TableBuilder.BATCH);
        int base = TableBuilder.BATCH; // all in the second batch, built on the builder thread
        rows.get(base + 7)[0] = "2024-01-01"; // the first column, in a later row
        rows.get(base + 3)[2] = 1.5; // a later column, in an earlier row: this one comes first row by row
        rows.set(base + 9, new Object[] {null, "h"}); // a short row after both
        Hunt4jException e = assertThrows(Hunt4jException.class, () -> QueryResult.toTable("q", ResultStream.of(COLS, rows)));
        assertEquals("column n is LONG (Long) but row " + (base + 3) + " has a Double there", e.getMessage());

        rows.get(base + 3)[2] = 1L;
        rows.get(base + 7)[0] = null;
        e = assertThrows(Hunt4jException.class, () -> QueryResult.toTable("q", ResultStream.of(COLS, rows)));
        assertEquals("row " + (base + 9) + " has 2 values but the result has 7 columns [t, host, n, score, ok, id, data]", e.getMessage());

        rows.get(base + 8)[6] = 42; // any value goes into a text column, as its text: still the short row
        e = assertThrows(Hunt4jException.class, () -> QueryResult.toTable("q", ResultStream.of(COLS, rows)));
        assertTrue(e.getMessage().startsWith("row " + (base + 9) + " has 2 values"), e.getMessage());
    }

    @Test
    void aWrongValueFoundByTheBuilderThreadIsReportedToTheCaller() {
        List<Object[]> rows = rows(3 * TableBuilder.BATCH + 10);
        rows.get(2 * TableBuilder.BATCH + 5)[3] = "NaN";
        Hunt4jException e = assertThrows(Hunt4jException.class, () -> QueryResult.toTable("q", ResultStream.of(COLS, rows)));
        assertEquals("column score is DOUBLE (Double) but row " + (2 * TableBuilder.BATCH + 5) + " has a String there", e.getMessage());
    }

    @Test
    void aStreamFailingMidwayFailsTheCallStopsTheBuilderAndIsClosed() throws InterruptedException {
        List<Object[]> rows = rows(5 * TableBuilder.BATCH);
        Iterator<Object[]> it = rows.iterator();
        boolean[] closed = {false};
        ResultStream failing = new ResultStream() {
            int n;

            @Override
            public List<Column> columns() {
                return COLS;
            }

            @Override
            public Object[] next() {
                if (n++ == 3 * TableBuilder.BATCH + 1) {
                    throw new QueryException("the response ended early");
                }
                return it.next();
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        QueryException e = assertThrows(QueryException.class, () -> QueryResult.toTable("midway", failing));
        assertEquals("the response ended early", e.getMessage());
        assertTrue(closed[0], "the stream was closed");
        for (int i = 0; i < 200 && builderThreadAlive("hunt4j-table-midway"); i++) {
            Thread.sleep(50);
        }
        assertFalse(builderThreadAlive("hunt4j-table-midway"), "the builder thread ended");
    }

    static boolean builderThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void anEmptyResultKeepsItsTypedColumns() {
        Table t = QueryResult.toTable("q", ResultStream.of(COLS, List.of()));
        assertEquals(0, t.rowCount());
        assertEquals(reference(List.of()).columnNames(), t.columnNames());
        assertEquals(InstantColumn.class, t.column("t").getClass());
    }
}
