package dev.hunt4j.visualization;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.render.Renderer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * {@code proctree}: the process trees the {@code proctree} analyzer links ({@code proc_key}/{@code parent_key}), as
 * a collapsible tree per host. Nodes show the process name; the command line appears on hover and, with every
 * other column, in a side panel on click; colour by user or logon session with a legend; a search box highlights
 * and reveals matches. Plain DOM, no library: an outline of rows is what stays quick at 10,000 processes and
 * lets the browser's own text search and copy work.
 */
@Extension
public final class ProcessTreeRendererFactory extends HtmlRendererFactory {
    /** Colour keys beyond this many (by process count) share one grey. */
    static final int MAX_COLOURS = 16;
    private static final Set<String> TREE_COLUMNS = Set.of("proc_key", "parent_key", "path", "IsRoot", "IsLeaf", "IsBranch",
            "depth", "source_index");

    /** Creates the factory (PF4J and direct use). */
    public ProcessTreeRendererFactory() {
        super(described(
            "name_column", "the process name or path (default NewProcessName)",
            "cmdline_column", "the command line (default CommandLine)",
            "user_column", "the account (default SubjectUserName)",
            "logon_column", "the logon session (default SubjectLogonId)",
            "host_column", "one tree per value of this column (default Computer)",
            "pid_column", "the process id (default NewProcessId)",
            "time_column", "the process creation time (default TimeGenerated)",
            "key_column", "the process key the analyzer added (default proc_key)",
            "parent_key_column", "the parent's process key (default parent_key)",
            "color_by", "user, logon, host or a column name (default user)",
            "collapse_depth", "show the trees collapsed below this depth (default: fully expanded)"));
    }

    @Override
    public String name() {
        return "proctree";
    }

    @Override
    public String description() {
        return "Collapsible process trees per host, coloured by user or logon session, with search and a details panel.";
    }

    @Override
    Renderer create(Options o) {
        int collapse = o.integer("collapse_depth", -1, 0, 100_000);
        String title = o.get("title", "Process trees");
        return (tables, out) -> {
            List<Table> data = Table.readAll(name(), tables);
            page(title, o, data.get(0), collapse).write(out);
        };
    }

    /** A column given by option (must exist) or by its default name (may be missing). */
    private int column(Table t, Options o, String option, String fallback) {
        return o.has(option) ? t.require(name(), option, o.get(option)) : t.find(fallback);
    }

    private HtmlPage page(String title, Options o, Table t, int collapse) {
        String keyName = o.get("key_column", "proc_key");
        String parentName = o.get("parent_key_column", "parent_key");
        if (t.find(keyName) < 0 || t.find(parentName) < 0) {
            throw new QueryException(name() + ": the input needs the process tree columns '" + keyName + "' and '" + parentName
                    + "' (options 'key_column', 'parent_key_column'): run the proctree analyzer first (hunt4j proctree); columns are "
                    + t.columnNames());
        }
        int keyIdx = t.find(keyName);
        int parentIdx = t.find(parentName);
        int nameIdx = o.has("name_column") ? t.require(name(), "name_column", o.get("name_column"))
                : t.findAny("NewProcessName", "FileName", "Image", "CreatedProcessName", "exe", "ProcessName");
        if (nameIdx < 0) {
            t.require(name(), "name_column", "NewProcessName");
        }
        int cmdIdx = column(t, o, "cmdline_column", "CommandLine");
        if (cmdIdx < 0) {
            cmdIdx = t.findAny("ProcessCommandLine", "CreatedProcessCommandLine", "cmdline");
        }
        int userIdx = column(t, o, "user_column", "SubjectUserName");
        if (userIdx < 0) {
            userIdx = t.findAny("AccountName", "User", "acct", "CreatedProcessAccountName");
        }
        int logonIdx = column(t, o, "logon_column", "SubjectLogonId");
        if (logonIdx < 0) {
            logonIdx = t.findAny("LogonId", "InitiatingProcessLogonId", "ses");
        }
        int hostIdx = column(t, o, "host_column", "Computer");
        if (hostIdx < 0) {
            hostIdx = t.findAny("DeviceName", "ComputerDnsName", "Host", "HostName");
        }
        int pidIdx = column(t, o, "pid_column", "NewProcessId");
        if (pidIdx < 0) {
            pidIdx = t.findAny("ProcessId", "pid");
        }
        int timeIdx = column(t, o, "time_column", "TimeGenerated");
        if (timeIdx < 0) {
            timeIdx = t.findAny("Timestamp", "UtcTime", "CreatedProcessCreationTime", "TimeCreated");
        }
        String colorBy = o.get("color_by", "user");
        int colorIdx = switch (colorBy.toLowerCase(Locale.ROOT)) {
            case "user" -> userIdx;
            case "logon" -> logonIdx;
            case "host" -> hostIdx;
            default -> t.require(name(), "color_by", colorBy);
        };

        int n = t.rows.size();
        // link children to parents by key; an unknown or self parent makes a root
        Map<String, Integer> byKey = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String k = Table.text(t.rows.get(i), keyIdx);
            if (k != null) {
                byKey.putIfAbsent(k, i);
            }
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            String pk = Table.text(t.rows.get(i), parentIdx);
            Integer p = pk == null || pk.isEmpty() ? null : byKey.get(pk);
            parent[i] = p == null || p == i ? -1 : p;
        }
        breakCycles(parent);
        long[] time = new long[n];
        for (int i = 0; i < n; i++) {
            Long ms = Table.time(t.rows.get(i), timeIdx);
            time[i] = ms == null ? Long.MIN_VALUE : ms;
        }
        Comparator<Integer> byTime = Comparator.<Integer>comparingLong(i -> time[i]).thenComparingInt(i -> i);
        List<List<Integer>> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>(0));
        }
        TreeMap<String, List<Integer>> rootsByHost = new TreeMap<>();
        final int hIdx = hostIdx;
        for (int i = 0; i < n; i++) {
            if (parent[i] < 0) {
                String h = Table.text(t.rows.get(i), hIdx);
                rootsByHost.computeIfAbsent(h == null ? "(no host)" : h, k -> new ArrayList<>()).add(i);
            } else {
                children.get(parent[i]).add(i);
            }
        }

        // nodes in depth-first order, so every parent precedes its children
        int[] order = new int[n];
        int[] depth = new int[n];
        int[] hostOf = new int[n];
        int[] position = new int[n];
        int k = 0;
        int hostNo = 0;
        List<String> hosts = new ArrayList<>();
        List<Integer> treesPerHost = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rootsByHost.entrySet()) {
            hosts.add(e.getKey());
            List<Integer> roots = e.getValue();
            roots.sort(byTime);
            treesPerHost.add(roots.size());
            Deque<int[]> stack = new ArrayDeque<>();
            for (int r = roots.size() - 1; r >= 0; r--) {
                stack.push(new int[] {roots.get(r), 0});
            }
            while (!stack.isEmpty()) {
                int[] top = stack.pop();
                int node = top[0];
                position[node] = k;
                order[k] = node;
                depth[k] = top[1];
                hostOf[k] = hostNo;
                k++;
                List<Integer> kids = children.get(node);
                kids.sort(byTime);
                for (int c = kids.size() - 1; c >= 0; c--) {
                    stack.push(new int[] {kids.get(c), top[1] + 1});
                }
            }
            hostNo++;
        }

        // colour keys by frequency; the tail shares one colour
        Map<String, Integer> colourCount = new HashMap<>();
        for (Object[] row : t.rows) {
            colourCount.merge(String.valueOf(Table.text(row, colorIdx)), 1, Integer::sum);
        }
        List<String> colourKeys = new ArrayList<>(colourCount.keySet());
        colourKeys.sort(Comparator.comparing((String c) -> -colourCount.get(c)).thenComparing(c -> c));
        Map<String, Integer> colourOf = new HashMap<>();
        for (int i = 0; i < colourKeys.size() && i < MAX_COLOURS; i++) {
            colourOf.put(colourKeys.get(i), i);
        }
        List<Map<String, Object>> legend = new ArrayList<>();
        for (int i = 0; i < colourKeys.size() && i < MAX_COLOURS; i++) {
            legend.add(Map.of("key", colourKeys.get(i), "count", colourCount.get(colourKeys.get(i))));
        }
        if (colourKeys.size() > MAX_COLOURS) {
            int rest = 0;
            for (int i = MAX_COLOURS; i < colourKeys.size(); i++) {
                rest += colourCount.get(colourKeys.get(i));
            }
            legend.add(Map.of("key", "other (" + (colourKeys.size() - MAX_COLOURS) + " values)", "count", rest, "other", true));
        }

        // detail columns: everything but the analyzer's bookkeeping and the columns the panel already shows by name,
        // dictionary-encoded (values repeat a lot)
        Set<Integer> shown = new java.util.HashSet<>(List.of(nameIdx, cmdIdx, userIdx, logonIdx, hostIdx, pidIdx, timeIdx));
        List<Integer> detailIdx = new ArrayList<>();
        for (int c = 0; c < t.columns.size(); c++) {
            if (!TREE_COLUMNS.contains(t.columnName(c)) && !shown.contains(c)) {
                detailIdx.add(c);
            }
        }
        List<String> detailNames = new ArrayList<>();
        List<List<String>> dicts = new ArrayList<>();
        List<int[]> refs = new ArrayList<>();
        for (int c : detailIdx) {
            detailNames.add(t.columnName(c));
            Map<String, Integer> index = new HashMap<>();
            List<String> dict = new ArrayList<>();
            int[] ref = new int[n];
            for (int p = 0; p < n; p++) {
                String v = Table.text(t.rows.get(order[p]), c);
                ref[p] = v == null ? -1 : index.computeIfAbsent(v, x -> {
                    dict.add(x);
                    return dict.size() - 1;
                });
            }
            dicts.add(dict);
            refs.add(ref);
        }

        List<String> names = new ArrayList<>(n);
        List<String> cmd = new ArrayList<>(n);
        List<String> user = new ArrayList<>(n);
        List<String> logon = new ArrayList<>(n);
        List<String> pid = new ArrayList<>(n);
        List<Long> times = new ArrayList<>(n);
        int[] par = new int[n];
        int[] colour = new int[n];
        for (int p = 0; p < n; p++) {
            Object[] row = t.rows.get(order[p]);
            names.add(Table.text(row, nameIdx));
            cmd.add(Table.text(row, cmdIdx));
            user.add(Table.text(row, userIdx));
            logon.add(Table.text(row, logonIdx));
            pid.add(Table.text(row, pidIdx));
            times.add(time[order[p]] == Long.MIN_VALUE ? null : time[order[p]]);
            par[p] = parent[order[p]] < 0 ? -1 : position[parent[order[p]]];
            Integer ci = colourOf.get(String.valueOf(Table.text(row, colorIdx)));
            colour[p] = ci == null ? -1 : ci;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("hosts", hosts);
        d.put("trees", treesPerHost);
        d.put("host", hostOf);
        d.put("parent", par);
        d.put("depth", depth);
        d.put("name", names);
        d.put("cmd", cmd);
        d.put("user", user);
        d.put("logon", logon);
        d.put("pid", pid);
        d.put("time", times);
        d.put("color", colour);
        d.put("colorBy", colorIdx < 0 ? colorBy : t.columnName(colorIdx));
        d.put("legend", legend);
        d.put("collapse", collapse);
        d.put("details", Map.of("cols", detailNames, "dicts", dicts, "refs", refs));
        int maxDepth = 0;
        for (int i = 0; i < n; i++) {
            maxDepth = Math.max(maxDepth, depth[i]);
        }
        int trees = treesPerHost.stream().mapToInt(Integer::intValue).sum();
        String sub = String.format("%,d processes in %,d trees on %,d hosts · deepest chain %d", n, trees, hosts.size(), maxDepth + 1);
        return new HtmlPage(title).subtitle(sub).style("proctree.css").script("proctree.js").data(d);
    }

    /** Turns the first node of any parent cycle (bad input) into a root, so every walk up ends. */
    private static void breakCycles(int[] parent) {
        int n = parent.length;
        byte[] state = new byte[n]; // 0 unseen, 1 on the current walk, 2 done
        List<Integer> walk = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int v = i;
            walk.clear();
            while (v >= 0 && state[v] == 0) {
                state[v] = 1;
                walk.add(v);
                v = parent[v];
            }
            if (v >= 0 && state[v] == 1) {
                parent[v] = -1; // v is on this walk's cycle
            }
            for (int w : walk) {
                state[w] = 2;
            }
        }
    }
}
