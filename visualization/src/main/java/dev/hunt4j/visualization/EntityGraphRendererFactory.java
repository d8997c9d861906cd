package dev.hunt4j.visualization;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.render.Renderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code graph}: hosts, accounts, IP addresses, processes (and other entities) as linked nodes, d3's force layout
 * in SVG with zoom, pan, drag, hover details and neighbour highlighting.
 *
 * <p>Two inputs: an edge list (columns {@code Source, Target}, optionally {@code SourceType, TargetType, Weight}), or
 * any event table where option {@code links} names which columns link ({@code IpAddress->Computer,Account->Computer});
 * without it, entity columns are recognised by name and each is linked to the host column. A node is a (type,
 * value) pair; a link's weight is the number of rows that connect the two.
 */
@Extension
public final class EntityGraphRendererFactory extends HtmlRendererFactory {
    static final List<String> TYPES = List.of("host", "account", "ip", "process", "file", "url", "dns", "other");
    private static final Map<String, String> TYPE_OF_COLUMN = new LinkedHashMap<>();

    static {
        for (String c : List.of("computer", "devicename", "hostname", "host", "computername", "dvc", "workstationname")) {
            TYPE_OF_COLUMN.put(c, "host");
        }
        for (String c : List.of("account", "targetusername", "subjectusername", "accountname", "userprincipalname", "user", "username",
                "accountupn", "initiatingprocessaccountname")) {
            TYPE_OF_COLUMN.put(c, "account");
        }
        for (String c : List.of("ipaddress", "sourceip", "srcip", "clientip", "remoteip", "destinationip", "dstip", "src_ip", "dest_ip",
                "callerip", "remoteipaddress", "ip", "localip")) {
            TYPE_OF_COLUMN.put(c, "ip");
        }
        for (String c : List.of("newprocessname", "processname", "image", "initiatingprocessfilename", "parentprocessname", "exe")) {
            TYPE_OF_COLUMN.put(c, "process");
        }
        for (String c : List.of("filename", "filepath", "targetfilename", "folderpath")) {
            TYPE_OF_COLUMN.put(c, "file");
        }
        for (String c : List.of("url", "remoteurl", "requesturl")) {
            TYPE_OF_COLUMN.put(c, "url");
        }
        for (String c : List.of("domain", "dnsname", "queryname", "fqdn")) {
            TYPE_OF_COLUMN.put(c, "dns");
        }
    }

    /** Creates the factory (PF4J and direct use). */
    public EntityGraphRendererFactory() {
        super(described(
            "links", "column pairs to link, e.g. IpAddress->Computer,Account->Computer (default: the Source/Target columns, "
                    + "else recognised entity columns linked to the host column)",
            "types", "entity types of columns: Col=type,... with type host, account, ip, process, file, url, dns or other "
                    + "(default: guessed from the column name)",
            "max_nodes", "keep the this many best-connected nodes (default 400)"));
    }

    @Override
    public String name() {
        return "graph";
    }

    @Override
    public String description() {
        return "Hosts, accounts, IP addresses and processes as a graph of linked nodes.";
    }

    @Override
    Renderer create(Options o) {
        int maxNodes = o.integer("max_nodes", 400, 2, 20_000);
        Map<String, String> types = new LinkedHashMap<>();
        for (String part : o.list("types")) {
            int eq = part.indexOf('=');
            String type = eq < 0 ? "" : part.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            if (eq <= 0 || !TYPES.contains(type)) {
                throw o.bad("types", "Column=type pairs with type one of " + String.join(", ", TYPES), part);
            }
            types.put(part.substring(0, eq).trim(), type);
        }
        List<String[]> links = new ArrayList<>();
        for (String part : o.list("links")) {
            String[] ends = part.split("->|--|<->");
            if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
                throw o.bad("links", "column pairs such as IpAddress->Computer, separated by commas", part);
            }
            links.add(new String[] {ends[0].trim(), ends[1].trim()});
        }
        String title = o.get("title", "Entity graph");
        return (tables, out) -> {
            Table t = Table.readAll(name(), tables).get(0);
            page(title, t, links, types, maxNodes).write(out);
        };
    }

    /** The entity type of a column: given, else guessed from its name. */
    static String typeOf(String column, Map<String, String> given) {
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        String t = TYPE_OF_COLUMN.get(column.toLowerCase(Locale.ROOT));
        return t == null ? "other" : t;
    }

    private final class Builder {
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> label = new ArrayList<>();
        final List<String> type = new ArrayList<>();
        final List<Integer> rows = new ArrayList<>();
        final Map<Long, Double> weight = new HashMap<>();

        int node(String t, String value) {
            Integer id = ids.computeIfAbsent(t + "\u0000" + value, k -> {
                label.add(value);
                type.add(t);
                rows.add(0);
                return label.size() - 1;
            });
            rows.set(id, rows.get(id) + 1);
            return id;
        }

        void link(int a, int b, double w) {
            if (a == b) {
                return;
            }
            long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            weight.merge(key, w, Double::sum);
        }
    }

    private HtmlPage page(String title, Table t, List<String[]> links, Map<String, String> types, int maxNodes) {
        Builder g = new Builder();
        int src = t.find("Source");
        int dst = t.find("Target");
        String mode;
        if (links.isEmpty() && src >= 0 && dst >= 0) {
            mode = "edge list";
            int st = t.find("SourceType");
            int tt = t.find("TargetType");
            int w = t.find("Weight");
            for (Object[] row : t.rows) {
                String a = Table.text(row, src);
                String b = Table.text(row, dst);
                if (a == null || b == null) {
                    continue;
                }
                Double weight = Table.number(row, w);
                g.link(g.node(entityType(Table.text(row, st)), a), g.node(entityType(Table.text(row, tt)), b), weight == null ? 1 : weight);
            }
        } else {
            List<int[]> pairs = new ArrayList<>();
            if (links.isEmpty()) {
                pairs = guessLinks(t, types);
                mode = "links " + describe(t, pairs);
            } else {
                for (String[] l : links) {
                    pairs.add(new int[] {t.require(name(), "links", l[0]), t.require(name(), "links", l[1])});
                }
                mode = "links " + describe(t, pairs);
            }
            String[] colType = new String[t.columns.size()];
            for (int c = 0; c < colType.length; c++) {
                colType[c] = typeOf(t.columnName(c), types);
            }
            for (Object[] row : t.rows) {
                for (int[] p : pairs) {
                    String a = Table.text(row, p[0]);
                    String b = Table.text(row, p[1]);
                    if (a == null || b == null || a.isBlank() || b.isBlank() || a.equals("-") || b.equals("-")) {
                        continue;
                    }
                    g.link(g.node(colType[p[0]], a), g.node(colType[p[1]], b), 1);
                }
            }
        }

        // keep the best-connected nodes
        int n = g.label.size();
        int[] degree = new int[n];
        for (long key : g.weight.keySet()) {
            degree[(int) (key >>> 32)]++;
            degree[(int) key]++;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> -degree[i]).thenComparing(i -> -g.rows.get(i)).thenComparing(g.label::get));
        Set<Integer> kept = new HashSet<>(order.subList(0, Math.min(maxNodes, n)));
        Map<Integer, Integer> newId = new HashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (kept.contains(i)) {
                newId.put(i, nodes.size());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", g.label.get(i));
                m.put("type", g.type.get(i));
                m.put("rows", g.rows.get(i));
                m.put("degree", degree[i]);
                nodes.add(m);
            }
        }
        List<double[]> edges = new ArrayList<>();
        g.weight.forEach((key, w) -> {
            Integer a = newId.get((int) (key >>> 32));
            Integer b = newId.get((int) (long) key);
            if (a != null && b != null) {
                edges.add(new double[] {a, b, w});
            }
        });
        edges.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        Map<String, Integer> typeCounts = new LinkedHashMap<>();
        for (String ty : TYPES) {
            typeCounts.put(ty, 0);
        }
        nodes.forEach(m -> typeCounts.merge((String) m.get("type"), 1, Integer::sum));
        typeCounts.values().removeIf(c -> c == 0);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("nodes", nodes);
        d.put("links", edges);
        d.put("types", TYPES);
        d.put("typeCounts", typeCounts);
        String sub = String.format("%,d entities, %,d links from %,d rows (%s)", nodes.size(), edges.size(), t.rows.size(), mode);
        if (nodes.size() < n) {
            sub += String.format(" · the %,d best-connected of %,d entities shown (option max_nodes)", nodes.size(), n);
        }
        return new HtmlPage(title).subtitle(sub).use(Library.D3).style("graph.css").script("graph.js").data(d);
    }

    private static String entityType(String given) {
        if (given == null) {
            return "other";
        }
        String t = given.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ipaddress", "ipv4", "ipv6", "ip" -> "ip";
            case "hostname", "host", "computer" -> "host";
            case "account", "user" -> "account";
            case "process" -> "process";
            case "file", "windows_path", "linux_path" -> "file";
            case "url" -> "url";
            case "dns", "domain" -> "dns";
            default -> TYPES.contains(t) ? t : "other";
        };
    }

    private static String describe(Table t, List<int[]> pairs) {
        StringBuilder sb = new StringBuilder();
        for (int[] p : pairs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.columnName(p[0])).append("->").append(t.columnName(p[1]));
        }
        return sb.toString();
    }

    /** Recognised entity columns, each linked to the host column (or, without one, to the first entity column). */
    private List<int[]> guessLinks(Table t, Map<String, String> types) {
        List<Integer> entity = new ArrayList<>();
        int host = -1;
        for (int c = 0; c < t.columns.size(); c++) {
            String ty = typeOf(t.columnName(c), types);
            if (!ty.equals("other")) {
                entity.add(c);
                if (ty.equals("host") && host < 0) {
                    host = c;
                }
            }
        }
        if (entity.size() < 2) {
            throw new QueryException(name() + ": found fewer than two entity columns to link; name them with option 'links' "
                    + "(e.g. links=IpAddress->Computer) or give Source and Target columns; columns are " + t.columnNames());
        }
        int hub = host >= 0 ? host : entity.get(0);
        List<int[]> pairs = new ArrayList<>();
        for (int c : entity) {
            if (c != hub) {
                pairs.add(new int[] {c, hub});
            }
        }
        return pairs;
    }
}
