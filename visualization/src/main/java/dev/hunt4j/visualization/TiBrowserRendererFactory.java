package dev.hunt4j.visualization;

import dev.hunt4j.api.Severity;
import dev.hunt4j.api.render.Renderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code ti}: threat-intelligence results (columns {@code Ioc, IocType, QuerySubtype, Provider, Result, Severity,
 * Details, RawResult, Reference, Status}, as MSTICPy's TI lookups) as a browser: one entry per observable, worst
 * severity first, expanding to each provider's verdict, details, raw JSON and a link to the provider's page
 * (http and https links only); filter by severity and text.
 */
@Extension
public final class TiBrowserRendererFactory extends HtmlRendererFactory {
    static final List<String> SEVERITIES = List.of("high", "warning", "information", "unknown");

    /** Creates the factory (PF4J and direct use). */
    public TiBrowserRendererFactory() {
        super(described(
            "min_severity", "show only observables at least this bad at first: high, warning, information or unknown (default unknown: all)"));
    }

    @Override
    public String name() {
        return "ti";
    }

    @Override
    public String description() {
        return "Threat-intelligence results per observable, worst first, with each provider's details, raw JSON and reference link.";
    }

    @Override
    Renderer create(Options o) {
        String min = o.choice("min_severity", "unknown", SEVERITIES);
        String title = o.get("title", "Threat intelligence results");
        return (tables, out) -> {
            Table t = Table.readAll(name(), tables).get(0);
            page(title, t, min).write(out);
        };
    }

    /** MSTICPy's severity words and common synonyms mapped onto hunt4j's four levels. */
    static Severity severity(String text) {
        if (text == null) {
            return Severity.UNKNOWN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "high", "critical", "malicious", "severe", "2" -> Severity.HIGH;
            case "warning", "medium", "moderate", "suspicious", "1" -> Severity.WARNING;
            case "information", "informational", "info", "low", "clean", "benign", "harmless", "0" -> Severity.INFORMATION;
            default -> Severity.UNKNOWN;
        };
    }

    private HtmlPage page(String title, Table t, String min) {
        int ioc = t.require(name(), "Ioc", "Ioc");
        int provider = t.require(name(), "Provider", "Provider");
        int type = t.find("IocType");
        int subtype = t.find("QuerySubtype");
        int result = t.find("Result");
        int sev = t.find("Severity");
        int details = t.find("Details");
        int raw = t.find("RawResult");
        int ref = t.find("Reference");
        int status = t.find("Status");

        Map<String, Map<String, Object>> byIoc = new LinkedHashMap<>();
        Map<String, Severity> worst = new LinkedHashMap<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        for (Object[] row : t.rows) {
            String value = Table.text(row, ioc);
            if (value == null) {
                continue;
            }
            String typeText = Table.text(row, type);
            String key = value + "\u0000" + (typeText == null ? "" : typeText);
            Map<String, Object> entry = byIoc.computeIfAbsent(key, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ioc", value);
                m.put("type", typeText);
                m.put("rows", new ArrayList<Map<String, Object>>());
                return m;
            });
            Severity s = severity(Table.text(row, sev));
            worst.merge(key, s, Severity::max);
            boolean hit = Table.bool(row, result);
            found.merge(key, hit ? 1 : 0, Integer::sum);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("provider", Table.text(row, provider));
            r.put("subtype", Table.text(row, subtype));
            r.put("severity", s.id());
            r.put("result", result < 0 ? null : hit);
            r.put("status", Table.text(row, status));
            r.put("details", Table.text(row, details));
            r.put("raw", Table.text(row, raw));
            r.put("reference", Table.text(row, ref));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) entry.get("rows");
            rows.add(r);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        int[] counts = new int[SEVERITIES.size()];
        for (Map.Entry<String, Map<String, Object>> e : byIoc.entrySet()) {
            Map<String, Object> m = e.getValue();
            Severity w = worst.get(e.getKey());
            m.put("worst", w.id());
            m.put("found", found.get(e.getKey()));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) m.get("rows");
            rows.sort(Comparator.comparing((Map<String, Object> r) -> SEVERITIES.indexOf((String) r.get("severity")))
                    .thenComparing(r -> String.valueOf(r.get("provider"))));
            counts[SEVERITIES.indexOf(w.id())]++;
            list.add(m);
        }
        list.sort(Comparator.comparing((Map<String, Object> m) -> SEVERITIES.indexOf((String) m.get("worst")))
                .thenComparing(m -> -(Integer) m.get("found"))
                .thenComparing(m -> (String) m.get("ioc")));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("iocs", list);
        d.put("severities", SEVERITIES);
        d.put("minSeverity", min);
        String sub = String.format("%,d observables, %,d results · %d high, %d warning, %d information, %d unknown", list.size(),
                t.rows.size(), counts[0], counts[1], counts[2], counts[3]);
        return new HtmlPage(title).subtitle(sub).style("browser.css").script("ti.js").data(d);
    }
}
