package dev.hunt4j.visualization;

import dev.hunt4j.api.render.Renderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code matrix}: counts (or sums of a value column) of x by y, e.g. source IP by destination port, as circles
 * sized by the count or as a heat map (d3, SVG), as MSTICPy's {@code plot_matrix}. The most frequent
 * {@code max_x} / {@code max_y} values are kept so the plot stays readable; the page says how many were left out.
 */
@Extension
public final class MatrixRendererFactory extends HtmlRendererFactory {

    /** Creates the factory (PF4J and direct use). */
    public MatrixRendererFactory() {
        super(described(
            "x_column", "the column across (required), e.g. DestinationPort",
            "y_column", "the column down (required), e.g. SourceIP",
            "value_column", "sum this numeric column instead of counting rows",
            "max_x", "keep the most frequent this many x values (default 60)",
            "max_y", "keep the most frequent this many y values (default 60)",
            "sort", "order of the values on the axes: count (default, most first) or name",
            "style", "circles (default, area by value) or heatmap"));
    }

    @Override
    public String name() {
        return "matrix";
    }

    @Override
    public String description() {
        return "Counts of one column by another (e.g. source IP by destination port) as sized circles or a heat map.";
    }

    @Override
    Renderer create(Options o) {
        if (!o.has("x_column") || !o.has("y_column")) {
            throw new IllegalArgumentException(name() + ": options 'x_column' and 'y_column' are required");
        }
        int maxX = o.integer("max_x", 60, 1, 2000);
        int maxY = o.integer("max_y", 60, 1, 2000);
        String sort = o.choice("sort", "count", List.of("count", "name"));
        String style = o.choice("style", "circles", List.of("circles", "heatmap"));
        return (tables, out) -> {
            Table t = Table.readAll(name(), tables).get(0);
            page(o, t, maxX, maxY, sort, style).write(out);
        };
    }

    private HtmlPage page(Options o, Table t, int maxX, int maxY, String sort, String style) {
        int xi = t.require(name(), "x_column", o.get("x_column"));
        int yi = t.require(name(), "y_column", o.get("y_column"));
        int vi = t.optional(name(), "value_column", o.get("value_column"));
        Map<String, Map<String, Double>> cells = new HashMap<>();
        Map<String, Double> xTotal = new HashMap<>();
        Map<String, Double> yTotal = new HashMap<>();
        for (Object[] row : t.rows) {
            String x = label(Table.text(row, xi));
            String y = label(Table.text(row, yi));
            double v = 1;
            if (vi >= 0) {
                Double d = Table.number(row, vi);
                if (d == null) {
                    continue;
                }
                v = d;
            }
            cells.computeIfAbsent(x, k -> new HashMap<>()).merge(y, v, Double::sum);
            xTotal.merge(x, v, Double::sum);
            yTotal.merge(y, v, Double::sum);
        }
        List<String> xs = top(xTotal, maxX, sort);
        List<String> ys = top(yTotal, maxY, sort);
        Map<String, Integer> xIndex = index(xs);
        Map<String, Integer> yIndex = index(ys);
        List<double[]> out = new ArrayList<>();
        double max = 0;
        for (Map.Entry<String, Map<String, Double>> cx : cells.entrySet()) {
            Integer a = xIndex.get(cx.getKey());
            if (a == null) {
                continue;
            }
            for (Map.Entry<String, Double> cy : cx.getValue().entrySet()) {
                Integer b = yIndex.get(cy.getKey());
                if (b != null) {
                    out.add(new double[] {a, b, cy.getValue()});
                    max = Math.max(max, cy.getValue());
                }
            }
        }
        out.sort(Comparator.<double[]>comparingDouble(c -> c[0]).thenComparingDouble(c -> c[1]));
        String xName = t.columnName(xi);
        String yName = t.columnName(yi);
        String valueName = vi < 0 ? "count" : "sum of " + t.columnName(vi);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("xName", xName);
        d.put("yName", yName);
        d.put("valueName", valueName);
        d.put("xs", xs);
        d.put("ys", ys);
        d.put("xTotals", xs.stream().map(xTotal::get).toList());
        d.put("yTotals", ys.stream().map(yTotal::get).toList());
        d.put("cells", out);
        d.put("max", max);
        d.put("style", style);
        String sub = String.format("%s by %s: %,d rows, %,d x values, %,d y values, %,d cells", yName, xName, t.rows.size(),
                xTotal.size(), yTotal.size(), out.size());
        if (xs.size() < xTotal.size() || ys.size() < yTotal.size()) {
            sub += String.format(" · showing the top %d x and %d y values (options max_x, max_y)", xs.size(), ys.size());
        }
        return new HtmlPage(o.get("title", yName + " by " + xName)).subtitle(sub).use(Library.D3).style("matrix.css")
                .script("matrix.js").data(d);
    }

    private static String label(String s) {
        return s == null || s.isEmpty() ? "(empty)" : s;
    }

    private static List<String> top(Map<String, Double> totals, int max, String sort) {
        List<String> keys = new ArrayList<>(totals.keySet());
        keys.sort(Comparator.comparing((String k) -> -totals.get(k)).thenComparing(Comparator.naturalOrder()));
        List<String> kept = new ArrayList<>(keys.subList(0, Math.min(max, keys.size())));
        if (sort.equals("name")) {
            kept.sort(MatrixRendererFactory::naturalCompare);
        }
        return kept;
    }

    /** Numbers by value (ports 22 before 443), then text. */
    static int naturalCompare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareToIgnoreCase(b);
        }
    }

    private static Map<String, Integer> index(List<String> keys) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), i);
        }
        return m;
    }
}
