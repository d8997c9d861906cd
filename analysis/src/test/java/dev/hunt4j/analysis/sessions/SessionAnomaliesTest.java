package dev.hunt4j.analysis.sessions;

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
import org.junit.jupiter.api.Test;

class SessionAnomaliesTest {
    static final List<Column> COLS = List.of(new Column("TimeGenerated", ColumnType.STRING), new Column("UserId", ColumnType.STRING),
            new Column("Operation", ColumnType.STRING), new Column("Parameters", ColumnType.STRING));
    static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    /** 40 admins doing routine work (seeded), each session separated by hours; one session does something rare. */
    static List<Object[]> events() {
        Random rnd = new Random(1);
        List<List<String>> routines = List.of(
                List.of("Get-Mailbox", "Set-Mailbox", "Get-Mailbox"),
                List.of("Get-User", "Set-User", "Get-User", "Set-User"),
                List.of("Get-Mailbox", "Get-MailboxStatistics", "Set-Mailbox"));
        List<Object[]> rows = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            for (int s = 0; s < 5; s++) {
                Instant start = T0.plus(Duration.ofHours(24L * s + u % 7));
                List<String> r = routines.get(rnd.nextInt(routines.size()));
                for (int i = 0; i < r.size(); i++) {
                    rows.add(new Object[] {start.plusSeconds(60L * i).toString(), "admin" + u, r.get(i),
                            "[{\"Name\":\"Identity\",\"Value\":\"mbx" + rnd.nextInt(50) + "\"}]"});
                }
            }
        }
        // the planted session: mail forwarding and audit bypass, wrapped in routine commands
        Instant bad = T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(12));
        String[] planted = {"Get-Mailbox", "New-InboxRule", "Set-MailboxAuditBypassAssociation", "Get-Mailbox"};
        for (int i = 0; i < planted.length; i++) {
            rows.add(new Object[] {bad.plusSeconds(60L * i).toString(), "admin7", planted[i], "[{\"Name\":\"Identity\",\"Value\":\"ceo\"}]"});
        }
        Collections.shuffle(rows, new Random(5));
        return rows;
    }

    @Test
    void plantedRareSequenceRanksFirst() {
        SessionAnomalies a = SessionAnomalies.builder().keyColumns(List.of("UserId")).commandColumn("Operation").build();
        ResultStream out = a.analyze(ResultStream.of(COLS, events()));
        assertEquals(List.of("UserId", "TimeGenerated_min", "TimeGenerated_max", "duration", "number_events", "Operation_list",
                "rarest_window3_likelihood", "rarest_window3", "session_likelihood", "session_geomean_likelihood"),
                out.columns().stream().map(Column::name).toList());
        List<Object[]> rows = out.toList();
        assertEquals(201, rows.size());
        Object[] top = rows.get(0);
        assertEquals("admin7", top[0]);
        assertEquals(Instant.parse("2024-05-03T20:00:00Z"), top[1]);
        assertEquals("0 days 00:03:00", top[3]);
        assertEquals(4L, top[4]);
        assertEquals("[\"Get-Mailbox\",\"New-InboxRule\",\"Set-MailboxAuditBypassAssociation\",\"Get-Mailbox\"]", top[5]);
        assertEquals("[\"New-InboxRule\",\"Set-MailboxAuditBypassAssociation\",\"Get-Mailbox\"]", top[7]);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue((Double) rows.get(i)[6] >= (Double) rows.get(i - 1)[6], "ranked rarest first");
        }
    }

    @Test
    void plantedSessionAlsoFirstWithParametersAndGeometricMean() {
        for (SessionModel.Kind k : SessionModel.Kind.values()) {
            SessionAnomalies a = SessionAnomalies.builder().keyColumns(List.of("UserId")).commandColumn("Operation")
                    .paramsColumn("Parameters").kind(k).geometricMean(true).window(2).build();
            Object[] top = a.analyze(ResultStream.of(COLS, events())).toList().get(0);
            assertEquals("admin7", top[0], k.toString());
            assertEquals(Instant.parse("2024-05-03T20:00:00Z"), top[1], k.toString());
        }
    }

    @Test
    void sessionsSplitOnUserGapAndMaxLength() {
        List<Object[]> rows = new ArrayList<>();
        String[] times = {"08:00", "08:10", "08:50", "08:55", "09:00", "09:05", "09:10"};
        for (String t : times) {
            rows.add(new Object[] {"2024-05-01T" + t + ":00Z", "u1", "cmd", null});
        }
        rows.add(new Object[] {"2024-05-01T08:01:00Z", "u2", "cmd", null});
        rows.add(new Object[] {"2024-05-01T08:02:00Z", null, "cmd", null});
        rows.add(new Object[] {"2024-05-01T08:03:00Z", "u2", "  ", null}); // no command: skipped
        SessionAnomalies a = SessionAnomalies.builder().keyColumns(List.of("UserId")).commandColumn("Operation").build();
        List<SessionAnomalies.Session> s = a.sessionize(ResultStream.of(COLS, rows));
        assertEquals(List.of(1, 2, 5, 1), s.stream().map(x -> x.commands().size()).toList(), "null user first, then u1 split by the 40-minute gap, u2");
        assertNull(s.get(0).key().get(0));
        SessionAnomalies capped = SessionAnomalies.builder().keyColumns(List.of("UserId")).commandColumn("Operation")
                .gap(Duration.ofMinutes(45)).maxSession(Duration.ofMinutes(15)).build();
        List<SessionAnomalies.Session> c = capped.sessionize(ResultStream.of(COLS, rows));
        assertEquals(List.of(1, 2, 4, 1, 1), c.stream().map(x -> x.commands().size()).toList(),
                "as MSTICPy: a session ends once its length passes 15 minutes (08:00-08:10, 08:50-09:05, 09:10)");
    }

    @Test
    void shortSessionsRankLastWithoutScore() {
        List<Object[]> rows = new ArrayList<>(events());
        rows.add(new Object[] {"2024-06-01T00:00:00Z", "loner", "Get-Mailbox", null});
        SessionAnomalies a = SessionAnomalies.builder().keyColumns(List.of("UserId")).commandColumn("Operation").window(3).build();
        List<Object[]> out = a.analyze(ResultStream.of(COLS, rows)).toList();
        Object[] last = out.get(out.size() - 1);
        assertEquals("loner", last[0]);
        assertNull(last[6]);
        assertEquals("[]", last[7]);
    }

    @Test
    void missingColumnIsNamed() {
        SessionAnomalies a = SessionAnomalies.builder().keyColumns(List.of("UserPrincipalName")).commandColumn("Operation").build();
        QueryException e = assertThrows(QueryException.class, () -> a.analyze(ResultStream.of(COLS, events())));
        assertTrue(e.getMessage().contains("'UserPrincipalName'") && e.getMessage().contains("user column"), e.getMessage());
    }

    @Test
    void parametersFromJsonAndCommandLines() {
        assertEquals(Map.of("Identity", "x\\y", "Enabled", "false"),
                Params.parse("[{\"Name\": \"Identity\", \"Value\": \"x\\\\y\"}, {\"Name\": \"Enabled\", \"Value\": false}]"));
        assertEquals(Map.of("a", "1", "b", "{\"c\":[1,2]}"), Params.parse("{\"a\": \"1\", \"b\": {\"c\": [1, 2]}}"));
        Map<String, String> cl = Params.parse("-NCd1 --user=root -f \"/etc/my file\" /quiet /usr/bin/x -5");
        assertEquals(Map.of("NCd1", "", "user", "root", "f", "/etc/my file", "quiet", "/usr/bin/x"), withEmpty(cl));
        assertEquals(Map.of(), Params.parse("  "));
        assertEquals(Map.of("x", "json"), Params.parse("[ -x json"), "unparsable JSON falls back to flags");
    }

    private static Map<String, String> withEmpty(Map<String, String> m) {
        Map<String, String> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }

    @Test
    void commandLinesSplitIntoCommandAndParameters() {
        List<Object[]> rows = List.of(
                new Object[] {"2024-05-01T08:00:00Z", "u", "/usr/sbin/squid -NCd1", null},
                new Object[] {"2024-05-01T08:01:00Z", "u", "/bin/cat -n /etc/shadow", null});
        SessionAnomalies a = SessionAnomalies.builder().keyColumns(List.of("UserId")).commandColumn("Operation")
                .kind(SessionModel.Kind.PARAMS).build();
        List<SessionAnomalies.Session> s = a.sessionize(ResultStream.of(COLS, rows));
        assertEquals("/usr/sbin/squid", s.get(0).commands().get(0).name());
        assertEquals(java.util.Set.of("n"), s.get(0).commands().get(1).params().keySet());
        Object[] row = a.analyze(ResultStream.of(COLS, rows)).toList().get(0);
        assertEquals("[{\"name\":\"/usr/sbin/squid\",\"params\":[\"NCd1\"]},{\"name\":\"/bin/cat\",\"params\":[\"n\"]}]", row[5]);
    }

    @Test
    void factory() {
        SessionsAnalyzerFactory f = new SessionsAnalyzerFactory();
        assertEquals("sessions", f.name());
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("command_column", "Operation")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("user_columns", "UserId", "command_column", "Operation", "model", "bayes")));
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("user_columns", "UserId", "command_column", "Operation", "windw", "3")));
        Object[] top = f.create(Map.of("user_columns", "UserId", "command_column", "Operation", "gap", "30m", "window", "3"))
                .analyze(ResultStream.of(COLS, events())).toList().get(0);
        assertEquals("admin7", top[0]);
    }
}
