package dev.hunt4j.visualization;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.render.Renderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * {@code timeline}: events from one or more tables as marks on a time axis (ECharts, canvas), one row per value
 * of {@code group_by}, coloured by {@code color_by} (default: the group, or the table when there are several),
 * tooltips with chosen columns, wheel zoom and drag pan, a range overview with a slider, and reference markers.
 * Each table given is one data set; all share the axis, as in MSTICPy's {@code display_timeline}.
 */
@Extension
public final class TimelineRendererFactory extends HtmlRendererFactory {
    /** Colour keys beyond this many (by event count) are drawn as one "other" series, to keep the legend usable. */
    static final int MAX_SERIES = 24;
    private static final int DEFAULT_TOOLTIP_COLUMNS = 6;

    /** Creates the factory (PF4J and direct use). */
    public TimelineRendererFactory() {
        super(described(concat(new String[] {
            "time_column", "the event time (default TimeGenerated, else the first time column)",
            "group_by", "one row per value of this column, e.g. Computer, Account, EventID (default: one row per table)",
            "color_by", "colour marks by this column (default: the group_by column, or the table when several are given)",
            "tooltip_columns", "comma-separated columns shown on hover (default: group_by, color_by and the first few columns)",
            "height", "chart height in pixels (default: from the number of rows, 360 to 900)"}, Common.MARKER_OPTIONS)));
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public String description() {
        return "Events on a time axis, grouped in rows and coloured by columns, with zoom, range overview and reference markers.";
    }

    @Override
    Renderer create(Options o) {
        List<Map<String, Object>> markers = Common.markers(name(), o);
        int height = o.integer("height", 0, 200, 10_000);
        String title = o.get("title", "Event timeline");
        return (tables, out) -> {
            List<Table> data = Table.readAll(name(), tables);
            page(title, o, data, markers, height).write(out);
        };
    }

    private HtmlPage page(String title, Options o, List<Table> tables, List<Map<String, Object>> markers, int height) {
        String groupBy = o.get("group_by");
        String colorBy = o.get("color_by", groupBy);
        boolean multi = tables.size() > 1;
        checkPresentSomewhere(tables, "group_by", groupBy);
        if (o.has("color_by")) {
            checkPresentSomewhere(tables, "color_by", colorBy);
        }
        // tooltip columns: named ones must exist somewhere; by default group, colour and the first columns
        List<String> tipCols = new ArrayList<>();
        if (o.has("tooltip_columns")) {
            for (String c : o.list("tooltip_columns")) {
                checkPresentSomewhere(tables, "tooltip_columns", c);
                tipCols.add(c);
            }
        } else {
            Set<String> cols = new LinkedHashSet<>();
            if (groupBy != null) {
                cols.add(groupBy);
            }
            if (colorBy != null) {
                cols.add(colorBy);
            }
            for (Table t : tables) {
                int ti = Common.timeColumn(name(), t, o);
                for (int i = 0; i < t.columns.size() && cols.size() < DEFAULT_TOOLTIP_COLUMNS; i++) {
                    if (i != ti) {
                        cols.add(t.columnName(i));
                    }
                }
            }
            tipCols.addAll(cols);
        }

        int total = 0;
        for (Table t : tables) {
            total += t.rows.size();
        }
        long[] time = new long[total];
        String[] group = new String[total];
        String[] colour = new String[total];
        int[] table = new int[total];
        int[][] tipRef = new int[tipCols.size()][total];
        List<Map<String, Integer>> dictIndex = new ArrayList<>();
        List<List<String>> dicts = new ArrayList<>();
        for (int c = 0; c < tipCols.size(); c++) {
            dictIndex.add(new HashMap<>());
            dicts.add(new ArrayList<>());
        }
        int n = 0;
        int skipped = 0;
        for (int ti = 0; ti < tables.size(); ti++) {
            Table t = tables.get(ti);
            int timeIdx = Common.timeColumn(name(), t, o);
            int gIdx = t.find(groupBy);
            int cIdx = t.find(colorBy);
            int[] tipIdx = new int[tipCols.size()];
            for (int c = 0; c < tipIdx.length; c++) {
                tipIdx[c] = t.find(tipCols.get(c));
            }
            for (Object[] row : t.rows) {
                Long ms = Table.time(row, timeIdx);
                if (ms == null) {
                    skipped++;
                    continue;
                }
                time[n] = ms;
                table[n] = ti;
                group[n] = groupBy == null || gIdx < 0 ? t.name : nonNull(Table.text(row, gIdx));
                colour[n] = colorBy == null ? (multi ? t.name : "events") : cIdx < 0 ? t.name : nonNull(Table.text(row, cIdx));
                for (int c = 0; c < tipIdx.length; c++) {
                    String v = Table.text(row, tipIdx[c]);
                    if (v == null) {
                        tipRef[c][n] = -1;
                    } else {
                        List<String> dict = dicts.get(c);
                        tipRef[c][n] = dictIndex.get(c).computeIfAbsent(v, k -> {
                            dict.add(k);
                            return dict.size() - 1;
                        });
                    }
                }
                n++;
            }
        }

        // groups sorted by name; colour keys by event count, the long tail folded into "other"
        TreeMap<String, Integer> groups = new TreeMap<>();
        Map<String, Integer> colourCounts = new HashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            groups.put(group[i], 0);
            colourCounts.merge(colour[i], 1, Integer::sum);
            min = Math.min(min, time[i]);
            max = Math.max(max, time[i]);
        }
        int k = 0;
        for (Map.Entry<String, Integer> e : groups.entrySet()) {
            e.setValue(k++);
        }
        List<String> colourKeys = new ArrayList<>(colourCounts.keySet());
        colourKeys.sort(Comparator.comparing((String c) -> -colourCounts.get(c)).thenComparing(c -> c));
        Map<String, Integer> colourIndex = new LinkedHashMap<>();
        for (int i = 0; i < colourKeys.size() && i < MAX_SERIES; i++) {
            colourIndex.put(colourKeys.get(i), i);
        }
        List<String> seriesNames = new ArrayList<>(colourIndex.keySet());
        seriesNames.sort(Comparator.naturalOrder());
        Map<String, Integer> sortedIndex = new HashMap<>();
        for (int i = 0; i < seriesNames.size(); i++) {
            sortedIndex.put(seriesNames.get(i), i);
        }
        int other = -1;
        if (colourKeys.size() > MAX_SERIES) {
            other = seriesNames.size();
            seriesNames.add("other (" + (colourKeys.size() - MAX_SERIES) + " values)");
        }
        long t0 = n == 0 ? 0 : min;
        int[] rel = new int[n];
        long[] relLong = null;
        boolean fitsInt = n == 0 || max - min < Integer.MAX_VALUE;
        if (!fitsInt) {
            relLong = new long[n];
        }
        int[] g = new int[n];
        int[] s = new int[n];
        int[] tb = new int[n];
        for (int i = 0; i < n; i++) {
            if (fitsInt) {
                rel[i] = (int) (time[i] - t0);
            } else {
                relLong[i] = time[i] - t0;
            }
            g[i] = groups.get(group[i]);
            Integer si = sortedIndex.get(colour[i]);
            s[i] = si == null ? other : si;
            tb[i] = table[i];
        }
        List<int[]> tips = new ArrayList<>();
        for (int c = 0; c < tipCols.size(); c++) {
            tips.add(n == total ? tipRef[c] : java.util.Arrays.copyOf(tipRef[c], n));
        }

        Map<String, Object> d = new LinkedHashMap<>();
        d.put("t0", t0);
        d.put("t", fitsInt ? rel : relLong);
        d.put("g", g);
        d.put("s", s);
        d.put("tb", tb);
        d.put("groups", new ArrayList<>(groups.keySet()));
        d.put("series", seriesNames);
        d.put("tables", tables.stream().map(t -> t.name).toList());
        d.put("groupBy", groupBy);
        d.put("colorBy", colorBy);
        d.put("tipCols", tipCols);
        d.put("dicts", dicts);
        d.put("tips", tips);
        d.put("markers", markers);
        d.put("height", height);
        d.put("skipped", skipped);

        String sub = n == 0 ? "no events with a time" : String.format("%,d events from %s to %s (UTC) in %,d rows", n,
                Times.iso(min), Times.iso(max), groups.size());
        if (skipped > 0) {
            sub += String.format(" · %,d rows without a usable time left out", skipped);
        }
        return new HtmlPage(title).subtitle(sub).use(Library.ECHARTS).style("timeline.css").script("timeline.js").data(d);
    }

    private void checkPresentSomewhere(List<Table> tables, String option, String column) {
        if (column == null) {
            return;
        }
        for (Table t : tables) {
            if (t.find(column) >= 0) {
                return;
            }
        }
        Table first = tables.get(0);
        throw new QueryException(name() + ": column '" + column + "' (option '" + option + "') is in no input table; table '"
                + first.name + "' has " + first.columnNames());
    }

    private static String nonNull(String s) {
        return s == null || s.isEmpty() ? "(empty)" : s;
    }
}
