package dev.hunt4j.visualization;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.render.Renderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * {@code value-timeline}: a numeric column over time (one line per {@code group_by} value), with the time-series
 * analyzer's output drawn on it when present: the {@code baseline} as a dashed line and the points its
 * {@code anomalies} column flags (1 spike, -1 dip) as large red and purple marks. MSTICPy's
 * {@code display_timeline_values} and {@code display_timeseries_anomalies} in one.
 */
@Extension
public final class ValueTimelineRendererFactory extends HtmlRendererFactory {
    /** Columns the time-series analyzer adds; never a default value column. */
    static final Set<String> ANALYZER_COLUMNS = Set.of("residual", "trend", "seasonal", "weights", "baseline", "score", "anomalies");

    /** Creates the factory (PF4J and direct use). */
    public ValueTimelineRendererFactory() {
        super(described(TimelineRendererFactory.concat(new String[] {
            "time_column", "the time (default TimeGenerated, else the first time column)",
            "value_column", "the numeric column to plot (default: the first numeric column the analyzer did not add)",
            "group_by", "one line per value of this column, or of these comma-separated columns (default: one line)",
            "anomalies_column", "1 marks a spike, -1 a dip (default: anomalies, when present)",
            "baseline_column", "the expected value, drawn dashed (default: baseline, when present)",
            "tooltip_columns", "more columns shown on hover (default: score, when present)",
            "height", "chart height in pixels (default 480)"}, Common.MARKER_OPTIONS)));
    }

    @Override
    public String name() {
        return "value-timeline";
    }

    @Override
    public String description() {
        return "A numeric column over time with the time-series analyzer's baseline and anomalies highlighted.";
    }

    @Override
    Renderer create(Options o) {
        List<Map<String, Object>> markers = Common.markers(name(), o);
        int height = o.integer("height", 480, 200, 10_000);
        String title = o.get("title", "Values over time");
        return (tables, out) -> {
            List<Table> data = Table.readAll(name(), tables);
            page(title, o, data.get(0), markers, height).write(out);
        };
    }

    private HtmlPage page(String title, Options o, Table t, List<Map<String, Object>> markers, int height) {
        int timeIdx = Common.timeColumn(name(), t, o);
        int valueIdx = o.has("value_column") ? t.require(name(), "value_column", o.get("value_column")) : defaultValueColumn(t, timeIdx);
        // group_by may name several columns, as the timeseries analyzer's does
        List<Integer> groupIdx = new ArrayList<>();
        for (String g : o.list("group_by")) {
            groupIdx.add(t.require(name(), "group_by", g));
        }
        int anomIdx = o.has("anomalies_column") ? t.require(name(), "anomalies_column", o.get("anomalies_column")) : t.find("anomalies");
        int baseIdx = o.has("baseline_column") ? t.require(name(), "baseline_column", o.get("baseline_column")) : t.find("baseline");
        List<String> tipNames = new ArrayList<>();
        List<Integer> tipIdx = new ArrayList<>();
        if (o.has("tooltip_columns")) {
            for (String c : o.list("tooltip_columns")) {
                tipIdx.add(t.require(name(), "tooltip_columns", c));
                tipNames.add(c);
            }
        } else if (t.find("score") >= 0) {
            tipIdx.add(t.find("score"));
            tipNames.add("score");
        }

        // rows per group, in time order
        TreeMap<String, List<Object[]>> byGroup = new TreeMap<>();
        int skipped = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int points = 0;
        int anomalies = 0;
        for (Object[] row : t.rows) {
            Long ms = Table.time(row, timeIdx);
            if (ms == null) {
                skipped++;
                continue;
            }
            min = Math.min(min, ms);
            max = Math.max(max, ms);
            String g = groupIdx.isEmpty() ? t.columnName(valueIdx) : groupKey(row, groupIdx);
            byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(row);
        }
        long t0 = min == Long.MAX_VALUE ? 0 : min;
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> e : byGroup.entrySet()) {
            List<Object[]> rows = e.getValue();
            rows.sort(Comparator.comparingLong(r -> Table.time(r, timeIdx)));
            int n = rows.size();
            long[] ts = new long[n];
            double[] v = new double[n];
            double[] b = baseIdx < 0 ? null : new double[n];
            List<int[]> an = new ArrayList<>();
            List<List<String>> tips = new ArrayList<>();
            for (int c = 0; c < tipIdx.size(); c++) {
                tips.add(new ArrayList<>(n));
            }
            for (int i = 0; i < n; i++) {
                Object[] row = rows.get(i);
                ts[i] = Table.time(row, timeIdx) - t0;
                Double val = Table.number(row, valueIdx);
                v[i] = val == null ? Double.NaN : val;
                if (b != null) {
                    Double base = Table.number(row, baseIdx);
                    b[i] = base == null ? Double.NaN : base;
                }
                Double flag = Table.number(row, anomIdx);
                if (flag != null && flag != 0) {
                    an.add(new int[] {i, flag > 0 ? 1 : -1});
                    anomalies++;
                }
                for (int c = 0; c < tipIdx.size(); c++) {
                    tips.get(c).add(Table.text(row, tipIdx.get(c)));
                }
            }
            points += n;
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("name", e.getKey());
            g.put("t", ts);
            g.put("v", v);
            g.put("b", b);
            g.put("an", an);
            g.put("tips", tips);
            groups.add(g);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("t0", t0);
        d.put("value", t.columnName(valueIdx));
        d.put("groups", groups);
        d.put("tipCols", tipNames);
        d.put("markers", markers);
        d.put("height", height);
        String sub = points == 0 ? "no points with a usable time" : String.format("%s: %,d points from %s to %s (UTC)%s · %,d anomalies",
                t.columnName(valueIdx), points, Times.iso(min), Times.iso(max),
                groups.size() > 1 ? " in " + groups.size() + " series" : "", anomalies);
        if (skipped > 0) {
            sub += String.format(" · %,d rows without a usable time left out", skipped);
        }
        return new HtmlPage(title).subtitle(sub).use(Library.ECHARTS).style("timeline.css").script("value-timeline.js").data(d);
    }

    private static String groupKey(Object[] row, List<Integer> idx) {
        StringBuilder sb = new StringBuilder();
        for (int i : idx) {
            sb.append(sb.length() == 0 ? "" : " / ").append(Table.text(row, i));
        }
        return sb.toString();
    }

    private int defaultValueColumn(Table t, int timeIdx) {
        for (int i = 0; i < t.columns.size(); i++) {
            if (i == timeIdx || ANALYZER_COLUMNS.contains(t.columnName(i))) {
                continue;
            }
            ColumnType type = t.columns.get(i).type();
            if (type == ColumnType.LONG || type == ColumnType.DOUBLE) {
                return i;
            }
            if (type == ColumnType.STRING && looksNumeric(t, i)) {
                return i;
            }
        }
        throw new QueryException(name() + ": no numeric column to plot; name one with option 'value_column' (columns: "
                + t.columnNames() + ")");
    }

    private static boolean looksNumeric(Table t, int idx) {
        int seen = 0;
        for (Object[] row : t.rows) {
            String s = Table.text(row, idx);
            if (s == null || s.isBlank()) {
                continue;
            }
            if (Table.number(row, idx) == null || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return false;
            }
            if (++seen >= 20) {
                break;
            }
        }
        return seen > 0;
    }
}
