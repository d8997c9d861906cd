package dev.hunt4j.visualization;

import dev.hunt4j.api.render.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * {@code queries}: the query library as a browser: every query grouped by the provider that runs it, with its
 * description, parameters (type, default, required) and a ready-to-run CLI command and Java snippet; filterable.
 *
 * <p>Input: a table with columns {@code Query, Environments, Description, Parameters, Source} (what
 * {@code hunt4j queries list --format csv} writes) and optionally {@code Provider}. {@code Parameters} is either
 * that command's short form ({@code host_name*,start,end}, a star marking required ones) or, for the full
 * picture, a JSON array of {@code {"name","type","default","required","description"}} objects, which
 * {@code hunt4j render queries} builds from the query store itself.
 */
@Extension
public final class QueryBrowserRendererFactory extends HtmlRendererFactory {
    /** MSTICPy data environments and the hunt4j provider type that runs their queries. */
    private static final Map<String, String> PROVIDER_OF_ENVIRONMENT = Map.ofEntries(
            Map.entry("localdata", "local"), Map.entry("local", "local"),
            Map.entry("mssentinel", "sentinel"), Map.entry("loganalytics", "sentinel"), Map.entry("azuresentinel", "sentinel"),
            Map.entry("mssentinel_new", "sentinel"), Map.entry("kusto", "sentinel"),
            Map.entry("mde", "defender"), Map.entry("m365d", "defender"), Map.entry("mdatp", "defender"), Map.entry("m365dgraph", "defender"),
            Map.entry("splunk", "splunk"), Map.entry("elastic", "elastic"), Map.entry("elasticsearch", "elastic"),
            Map.entry("opensearch", "elastic"));

    /** Creates the factory (PF4J and direct use). */
    public QueryBrowserRendererFactory() {
        super(described(
            "provider", "the provider name used in the examples (default: the Provider column, else the provider type of the query's first environment)",
            "config", "the config file named in the Java example (default hunt4j.yaml)"));
    }

    @Override
    public String name() {
        return "queries";
    }

    @Override
    public String description() {
        return "The query library per provider: descriptions, parameters and ready-to-run CLI and Java examples.";
    }

    @Override
    Renderer create(Options o) {
        String provider = o.get("provider");
        String config = o.get("config", "hunt4j.yaml");
        String title = o.get("title", "Query library");
        return (tables, out) -> {
            Table t = Table.readAll(name(), tables).get(0);
            page(title, t, provider, config).write(out);
        };
    }

    /** A query parameter as the page shows it. */
    record Param(String name, String type, Object defaultValue, boolean required, String description) {
    }

    /** Reads the Parameters cell: a JSON array of objects, or the short form {@code a*,b}. */
    static List<Param> parameters(String cell) {
        List<Param> out = new ArrayList<>();
        if (cell == null || cell.isBlank()) {
            return out;
        }
        String s = cell.trim();
        if (s.startsWith("[")) {
            Object parsed = Json.parse(s);
            if (parsed instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> m && m.get("name") != null) {
                        Object def = m.get("default");
                        Object req = m.get("required");
                        boolean required = req instanceof Boolean b ? b : def == null;
                        out.add(new Param(String.valueOf(m.get("name")), m.get("type") == null ? "str" : String.valueOf(m.get("type")), def,
                                required, m.get("description") == null ? "" : String.valueOf(m.get("description"))));
                    } else if (o != null) {
                        out.add(new Param(String.valueOf(o), "str", null, false, ""));
                    }
                }
            }
            return out;
        }
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            boolean required = p.endsWith("*");
            String name = required ? p.substring(0, p.length() - 1).trim() : p;
            out.add(new Param(name, null, null, required, ""));
        }
        return out;
    }

    /** The hunt4j provider type for a data environment name. */
    static String providerOf(String environment) {
        if (environment == null || environment.isBlank()) {
            return "local";
        }
        String key = environment.trim().toLowerCase(Locale.ROOT);
        return PROVIDER_OF_ENVIRONMENT.getOrDefault(key, key);
    }

    /** A plausible value for a required parameter, so the examples run as they are. */
    static String exampleValue(Param p) {
        String type = p.type() == null ? "str" : p.type().toLowerCase(Locale.ROOT);
        String n = p.name().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "int" -> "1";
            case "float" -> "1.0";
            case "bool" -> "true";
            case "datetime" -> n.contains("end") ? "2024-05-02T00:00:00Z" : "2024-05-01T00:00:00Z";
            case "list" -> n.contains("ip") ? "10.0.0.1,10.0.0.2" : "value1,value2";
            default -> n.contains("ip") ? "10.0.0.1" : n.contains("host") || n.contains("computer") ? "WKS-07"
                    : n.contains("account") || n.contains("user") ? "alice" : n.contains("hash") ? "44d88612fea8a8f36de82e1278abb02f"
                    : n.contains("url") ? "https://example.com/" : n.contains("domain") ? "example.com" : "value";
        };
    }

    /** Quotes for a POSIX shell when needed. */
    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String javaString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String cliExample(String query, String provider, List<Param> params) {
        StringBuilder sb = new StringBuilder("./hunt4j query run ").append(shellQuote(query)).append(" --provider ").append(shellQuote(provider));
        for (Param p : params) {
            if (p.required()) {
                sb.append(" \\\n    --param ").append(shellQuote(p.name() + "=" + exampleValue(p)));
            }
        }
        return sb.toString();
    }

    static String javaExample(String query, String provider, List<Param> params, String config) {
        StringBuilder args = new StringBuilder();
        int k = 0;
        for (Param p : params) {
            if (!p.required()) {
                continue;
            }
            String v = exampleValue(p);
            String type = p.type() == null ? "str" : p.type().toLowerCase(Locale.ROOT);
            String literal = switch (type) {
                case "int" -> v;
                case "float" -> v;
                case "bool" -> v;
                case "datetime" -> "Instant.parse(" + javaString(v) + ")";
                case "list" -> "List.of(" + String.join(", ", java.util.Arrays.stream(v.split(",")).map(QueryBrowserRendererFactory::javaString).toList()) + ")";
                default -> javaString(v);
            };
            args.append(k++ == 0 ? "" : ", ").append(javaString(p.name())).append(", ").append(literal);
        }
        return "try (Hunt4j h = Hunt4j.builder().config(Path.of(" + javaString(config) + ")).build();\n"
                + "     QueryResult r = h.provider(" + javaString(provider) + ").query(" + javaString(query) + ",\n"
                + "             Map.of(" + args + "), QueryOptions.defaults())) {\n"
                + "    Table rows = r.toTable();\n"
                + "}";
    }

    private HtmlPage page(String title, Table t, String providerOption, String config) {
        int q = t.require(name(), "Query", "Query");
        int envs = t.find("Environments");
        int desc = t.find("Description");
        int params = t.find("Parameters");
        int source = t.find("Source");
        int prov = t.find("Provider");
        List<Map<String, Object>> queries = new ArrayList<>();
        TreeMap<String, List<Integer>> byProvider = new TreeMap<>();
        for (Object[] row : t.rows) {
            String query = Table.text(row, q);
            if (query == null) {
                continue;
            }
            String envText = Table.text(row, envs);
            List<String> environments = new ArrayList<>();
            if (envText != null) {
                for (String e : envText.split("[,;|]")) {
                    if (!e.isBlank()) {
                        environments.add(e.trim());
                    }
                }
            }
            List<Param> ps;
            try {
                ps = parameters(Table.text(row, params));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name() + ": the Parameters of query '" + query + "' are " + e.getMessage(), e);
            }
            List<String> providers = new ArrayList<>();
            if (Table.text(row, prov) != null) {
                providers.add(Table.text(row, prov));
            } else if (providerOption != null) {
                providers.add(providerOption);
            } else {
                for (String e : environments) {
                    String p = providerOf(e);
                    if (!providers.contains(p)) {
                        providers.add(p);
                    }
                }
                if (providers.isEmpty()) {
                    providers.add("local");
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", query);
            m.put("envs", environments);
            m.put("providers", providers);
            m.put("description", Table.text(row, desc));
            m.put("source", Table.text(row, source));
            List<Map<String, Object>> plist = new ArrayList<>();
            for (Param p : ps) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("type", p.type());
                pm.put("default", p.defaultValue() == null ? null : p.defaultValue() instanceof String s ? s : Json.write(p.defaultValue()));
                pm.put("required", p.required());
                pm.put("description", p.description());
                plist.add(pm);
            }
            m.put("params", plist);
            List<Map<String, String>> examples = new ArrayList<>();
            for (String p : providers) {
                examples.add(Map.of("provider", p, "cli", cliExample(query, p, ps), "java", javaExample(query, p, ps, config)));
            }
            m.put("examples", examples);
            int index = queries.size();
            queries.add(m);
            for (String p : providers) {
                byProvider.computeIfAbsent(p, k -> new ArrayList<>()).add(index);
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        byProvider.forEach((p, list) -> {
            list.sort((a, b) -> ((String) queries.get(a).get("name")).compareToIgnoreCase((String) queries.get(b).get("name")));
            groups.add(Map.of("provider", p, "queries", list));
        });
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("queries", queries);
        d.put("groups", groups);
        String sub = String.format("%,d queries for %,d providers", queries.size(), groups.size());
        return new HtmlPage(title).subtitle(sub).style("browser.css").script("queries.js").data(d);
    }
}
