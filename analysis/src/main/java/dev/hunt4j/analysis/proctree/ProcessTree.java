package dev.hunt4j.analysis.proctree;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.analysis.timeseries.EventTime;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A forest of processes built from process-creation events: every event linked to its parent (see
 * {@link #build(ResultStream, ProcSchema)}), parents missing from the data added as synthetic roots. Nodes are
 * numbered 0..size-1 in (host, time) order; the table form ({@link #toResultStream()}) lists them tree by tree,
 * depth first, with MSTICPy's added columns:
 * <ul>
 * <li>{@code proc_key}: {@code lower(name)|pid|yyyy-MM-dd HH:mm:ss.ffffff} (time rounded to 10 µs; synthetic parents
 * have the epoch, 1970-01-01 00:00:00.000000, as in MSTICPy); should two processes on different hosts share a key,
 * the later gets {@code |host} appended (MSTICPy's keys ignore the host);</li>
 * <li>{@code parent_key}: the parent's proc_key (empty for roots);</li>
 * <li>{@code path}: source indices from the root down, joined by {@code /};</li>
 * <li>{@code IsRoot}, {@code IsLeaf}, {@code IsBranch} (has a parent and children);</li>
 * <li>{@code depth}: the number of ancestors (0 for a root; MSTICPy's LargestTreeDepth is the largest depth + 1);</li>
 * <li>{@code source_index}: the 0-based input row; synthetic parents are numbered after the last input row.</li>
 * </ul>
 * Immutable after construction; safe to query from several threads.
 */
public final class ProcessTree {
    /** Output rows built per parallel chunk. */
    private static final int OUTPUT_CHUNK_ROWS = 1024;
    /** The columns added to each input row, in order. */
    public static final List<Column> ADDED_COLUMNS = List.of(
            new Column("proc_key", ColumnType.STRING), new Column("parent_key", ColumnType.STRING),
            new Column("path", ColumnType.STRING), new Column("IsRoot", ColumnType.BOOLEAN),
            new Column("IsLeaf", ColumnType.BOOLEAN), new Column("IsBranch", ColumnType.BOOLEAN),
            new Column("depth", ColumnType.LONG), new Column("source_index", ColumnType.LONG));

    private final ProcSchema schema;
    private final List<Column> columns;
    private final int inputRows;
    private final RowStore store;
    /** Where each node's row is in {@link #store}. */
    private final int[] rowRef;
    private final int[] src;
    private final int[] host;
    private final String[] hostNames;
    private final long[] time;
    private final long[] pid;
    private final int[] name;
    private final String[] lcNames;
    private final int[] parent;
    private final int[] childStart;
    private final int[] childList;
    private final int[] roots;
    private final int[] dfs;
    private final int[] depth;
    private final byte[] suffix;
    private final int timeIdx;
    private final int nameIdx;
    private final int pidIdx;
    private final int hostIdx;
    private volatile Map<String, Integer> byKey;

    ProcessTree(ProcSchema schema, List<Column> columns, int inputRows, RowStore store, int[] rowRef, int[] src, int[] host,
                String[] hostNames, long[] time, long[] pid, int[] name, String[] lcNames, int[] parent,
                int timeIdx, int nameIdx, int pidIdx, int hostIdx) {
        this.schema = schema;
        this.columns = List.copyOf(columns);
        this.inputRows = inputRows;
        this.store = store;
        this.rowRef = rowRef;
        this.src = src;
        this.host = host;
        this.hostNames = hostNames;
        this.time = time;
        this.pid = pid;
        this.name = name;
        this.lcNames = lcNames;
        this.parent = parent;
        this.timeIdx = timeIdx;
        this.nameIdx = nameIdx;
        this.pidIdx = pidIdx;
        this.hostIdx = hostIdx;
        int n = rowRef.length;
        // children lists (CSR); filled in node order, which is time order, so each list is in time order
        childStart = new int[n + 1];
        int nRoots = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] >= 0) {
                childStart[parent[i] + 1]++;
            } else {
                nRoots++;
            }
        }
        for (int i = 0; i < n; i++) {
            childStart[i + 1] += childStart[i];
        }
        childList = new int[childStart[n]];
        int[] fill = Arrays.copyOf(childStart, n);
        roots = new int[nRoots];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] >= 0) {
                childList[fill[parent[i]]++] = i;
            } else {
                roots[r++] = i;
            }
        }
        // depth-first order and depths
        dfs = new int[n];
        depth = new int[n];
        int[] stack = new int[64];
        int k = 0;
        for (int root : roots) {
            int sp = 0;
            stack[sp++] = root;
            depth[root] = 0;
            while (sp > 0) {
                int x = stack[--sp];
                dfs[k++] = x;
                int need = sp + childStart[x + 1] - childStart[x];
                if (need > stack.length) {
                    stack = Arrays.copyOf(stack, Math.max(need, stack.length * 2));
                }
                for (int c = childStart[x + 1] - 1; c >= childStart[x]; c--) {
                    int child = childList[c];
                    depth[child] = depth[x] + 1;
                    stack[sp++] = child;
                }
            }
        }
        if (k != n) {
            throw new IllegalStateException("process tree has " + (n - k) + " nodes unreachable from a root");
        }
        suffix = uniqueKeys();
    }

    /**
     * Builds the process forest of {@code events} (closing the stream).
     *
     * @param schema the column schema, or null to infer it from the column names
     * @throws QueryException when no schema fits or a column the schema needs is missing (the message names the
     *                        column, its schema field and the schema), or a time can't be read
     */
    public static ProcessTree build(ResultStream events, ProcSchema schema) {
        ProcSchema s = schema;
        if (s == null) {
            s = ProcSchema.infer(events.columns().stream().map(Column::name).toList());
            if (s == null) {
                events.close();
                throw new QueryException("no process schema matches the columns " + events.columns().stream().map(Column::name).toList()
                        + ": choose one (windows-4688, sysmon, mde, mde-internal, linux-auditd, osquery) or map the columns in a schema file");
            }
        }
        try {
            return new TreeLinker(events.columns(), s).link(events);
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
    }

    /** {@link #build(ResultStream, ProcSchema)} with the schema inferred from the columns. */
    public static ProcessTree build(ResultStream events) {
        return build(events, null);
    }

    /**
     * Distinguishes keys shared by different processes (different hosts, or duplicate events). Hashes of all keys
     * are counted to find the rare equal ones, which are then compared exactly.
     */
    private byte[] uniqueKeys() {
        int n = rowRef.length;
        byte[] out = new byte[n];
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = keyHash(i);
        }
        LongCounts counts = new LongCounts(n);
        for (long x : h) {
            counts.add(x);
        }
        if (!counts.anyRepeated()) {
            return out;
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!counts.repeated(h[i])) {
                continue;
            }
            String exact = name[i] + "|" + pidText(i) + "|" + t10(i);
            Integer j = first.putIfAbsent(exact, i);
            if (j != null) {
                out[i] = host[i] != host[j] ? (byte) 1 : (byte) 2;
            }
        }
        return out;
    }

    private long keyHash(int i) {
        // the parsed pid, not its text: no need to touch the row (equal hashes are compared exactly)
        long h = name[i] * 0x9E3779B97F4A7C15L + pid[i];
        h = (h ^ h >>> 31) * 0xC2B2AE3D27D4EB4FL + t10(i);
        return h ^ h >>> 29;
    }

    private long t10(int i) {
        return time[i] == EventTime.MISSING ? Long.MIN_VALUE : Math.floorDiv(time[i] + 5_000, 10_000);
    }

    // ------------------------------------------------------------------ node access

    /** The number of processes (synthetic parents included). */
    public int size() {
        return rowRef.length;
    }

    /** The schema used to read the events. */
    public ProcSchema schema() {
        return schema;
    }

    /** The input's columns. */
    public List<Column> inputColumns() {
        return columns;
    }

    /** The process numbered {@code index} (0..size-1, in host and time order). */
    public ProcessNode node(int index) {
        if (index < 0 || index >= rowRef.length) {
            throw new IndexOutOfBoundsException("no process " + index + " (the tree has " + rowRef.length + ")");
        }
        return new ProcessNode(this, index);
    }

    /** The process with this proc_key. */
    public Optional<ProcessNode> byKey(String procKey) {
        Map<String, Integer> m = byKey;
        if (m == null) {
            m = new HashMap<>(rowRef.length * 2);
            for (int i = 0; i < rowRef.length; i++) {
                m.put(procKey(i), i);
            }
            byKey = m;
        }
        Integer i = m.get(procKey);
        return i == null ? Optional.empty() : Optional.of(new ProcessNode(this, i));
    }

    /** The process read from input row {@code sourceIndex} (0-based), or a synthetic parent by its source index. */
    public Optional<ProcessNode> bySourceIndex(long sourceIndex) {
        for (int i = 0; i < src.length; i++) {
            if (src[i] == sourceIndex) {
                return Optional.of(new ProcessNode(this, i));
            }
        }
        return Optional.empty();
    }

    /** Roots (processes without a parent), in host and time order. */
    public List<ProcessNode> roots() {
        return nodes(roots, 0, roots.length);
    }

    /** All processes, depth first tree by tree. */
    public List<ProcessNode> all() {
        return nodes(dfs, 0, dfs.length);
    }

    /** The parent, if any. */
    public Optional<ProcessNode> parent(ProcessNode p) {
        int i = own(p);
        return parent[i] < 0 ? Optional.empty() : Optional.of(new ProcessNode(this, parent[i]));
    }

    /** The children, in time order. */
    public List<ProcessNode> children(ProcessNode p) {
        int i = own(p);
        return nodes(childList, childStart[i], childStart[i + 1]);
    }

    /** The ancestors from the root down to the parent (without {@code p}). */
    public List<ProcessNode> ancestors(ProcessNode p) {
        int i = own(p);
        List<ProcessNode> out = new ArrayList<>();
        for (int x = parent[i]; x >= 0; x = parent[x]) {
            out.add(new ProcessNode(this, x));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The root of {@code p}'s tree ({@code p} itself for a root). */
    public ProcessNode root(ProcessNode p) {
        int x = own(p);
        while (parent[x] >= 0) {
            x = parent[x];
        }
        return new ProcessNode(this, x);
    }

    /** All descendants, depth first (without {@code p}). */
    public List<ProcessNode> descendants(ProcessNode p) {
        return descendants(p, -1);
    }

    /** Descendants down to {@code maxLevels} levels below {@code p} (-1: all), depth first, without {@code p}. */
    public List<ProcessNode> descendants(ProcessNode p, int maxLevels) {
        int i = own(p);
        List<ProcessNode> out = new ArrayList<>();
        int[] stack = new int[16];
        int sp = 0;
        for (int c = childStart[i + 1] - 1; c >= childStart[i]; c--) {
            stack = push(stack, sp++, childList[c]);
        }
        while (sp > 0) {
            int x = stack[--sp];
            out.add(new ProcessNode(this, x));
            if (maxLevels >= 0 && depth[x] - depth[i] >= maxLevels) {
                continue;
            }
            for (int c = childStart[x + 1] - 1; c >= childStart[x]; c--) {
                stack = push(stack, sp++, childList[c]);
            }
        }
        return out;
    }

    private static int[] push(int[] stack, int at, int v) {
        int[] s = at == stack.length ? Arrays.copyOf(stack, stack.length * 2) : stack;
        s[at] = v;
        return s;
    }

    /** The other children of {@code p}'s parent (empty for a root). */
    public List<ProcessNode> siblings(ProcessNode p) {
        int i = own(p);
        if (parent[i] < 0) {
            return List.of();
        }
        List<ProcessNode> out = new ArrayList<>();
        int par = parent[i];
        for (int c = childStart[par]; c < childStart[par + 1]; c++) {
            if (childList[c] != i) {
                out.add(new ProcessNode(this, childList[c]));
            }
        }
        return out;
    }

    /** The whole tree {@code p} belongs to, depth first from its root. */
    public List<ProcessNode> tree(ProcessNode p) {
        ProcessNode root = root(p);
        List<ProcessNode> out = new ArrayList<>();
        out.add(root);
        out.addAll(descendants(root));
        return out;
    }

    /** Counts as MSTICPy's {@code get_summary_info}. */
    public TreeSummary summary() {
        int leaves = 0;
        int branches = 0;
        int isolated = 0;
        int maxDepth = -1;
        int synthetic = 0;
        for (int i = 0; i < rowRef.length; i++) {
            boolean root = parent[i] < 0;
            boolean leaf = childStart[i + 1] == childStart[i];
            leaves += leaf ? 1 : 0;
            branches += !root && !leaf ? 1 : 0;
            isolated += root && leaf ? 1 : 0;
            maxDepth = Math.max(maxDepth, depth[i]);
            synthetic += src[i] >= inputRows ? 1 : 0;
        }
        return new TreeSummary(rowRef.length, roots.length, leaves, branches, isolated, maxDepth + 1, synthetic);
    }

    private List<ProcessNode> nodes(int[] ids, int from, int to) {
        List<ProcessNode> out = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            out.add(new ProcessNode(this, ids[k]));
        }
        return out;
    }

    private int own(ProcessNode p) {
        if (p.tree() != this) {
            throw new IllegalArgumentException("the process is from another tree");
        }
        return p.index();
    }

    // ------------------------------------------------------------------ per-node values (used by ProcessNode)

    String procKey(int i) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(lcNames[name[i]]).append('|').append(pidText(i)).append('|');
        sb.append(time[i] == EventTime.MISSING ? "NaT" : EventTime.formatMicros10(time[i]));
        if (suffix[i] == 1) {
            sb.append('|').append(hostNames[host[i]]);
        } else if (suffix[i] == 2) {
            sb.append("|#").append(src[i]);
        }
        return sb.toString();
    }

    String pidText(int i) {
        Object v = store.get(rowRef[i], pidIdx);
        if (v == null) {
            return "";
        }
        if (v instanceof Number num) {
            return Long.toString(num.longValue());
        }
        String s = v.toString().trim();
        int dot = s.indexOf('.');
        if (dot > 0 && !s.startsWith("0x") && !s.startsWith("0X")) {
            boolean zeros = true;
            for (int k = dot + 1; k < s.length() && zeros; k++) {
                zeros = s.charAt(k) == '0';
            }
            if (zeros) {
                return s.substring(0, dot); // a float column's "4.0", as MSTICPy forces floats to int
            }
        }
        return s;
    }

    String path(int i) {
        int d = depth[i];
        int[] chain = new int[d + 1];
        int x = i;
        for (int k = d; k >= 0; k--) {
            chain[k] = x;
            x = parent[x];
        }
        StringBuilder sb = new StringBuilder(8 * (d + 1));
        for (int k = 0; k <= d; k++) {
            if (k > 0) {
                sb.append('/');
            }
            sb.append(src[chain[k]]);
        }
        return sb.toString();
    }

    int parentIndex(int i) {
        return parent[i];
    }

    int depthOf(int i) {
        return depth[i];
    }

    boolean hasChildren(int i) {
        return childStart[i + 1] > childStart[i];
    }

    int sourceIndex(int i) {
        return src[i];
    }

    boolean synthetic(int i) {
        return src[i] >= inputRows;
    }

    Object value(int i, int column) {
        return column < store.width() ? store.get(rowRef[i], column) : null;
    }

    Object[] row(int i) {
        return store.row(rowRef[i]);
    }

    Instant timeOf(int i) {
        return time[i] == EventTime.MISSING ? null : EventTime.ofNanos(time[i]);
    }

    String hostOf(int i) {
        return hostIdx < 0 ? null : hostNames[host[i]];
    }

    int nameColumn() {
        return nameIdx;
    }

    int pidColumn() {
        return pidIdx;
    }

    int timeColumn() {
        return timeIdx;
    }

    /** The input column index of a name, or -1. */
    int column(String colName) {
        if (colName == null) {
            return -1;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(colName)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ output

    /** The whole forest as a table: input columns + {@link #ADDED_COLUMNS}, depth first tree by tree. */
    public ResultStream toResultStream() {
        return stream(dfs, 0, dfs.length);
    }

    /** These processes as a table (input columns + {@link #ADDED_COLUMNS}), in the given order. */
    public ResultStream toResultStream(Collection<ProcessNode> processes) {
        int[] ids = new int[processes.size()];
        int k = 0;
        for (ProcessNode p : processes) {
            ids[k++] = own(p);
        }
        return stream(ids, 0, ids.length);
    }

    private ResultStream stream(int[] ids, int from, int to) {
        // input columns named like the added ones (a table that was a tree before) are replaced
        List<String> added = ADDED_COLUMNS.stream().map(Column::name).toList();
        List<Column> cols = new ArrayList<>();
        int[] keep = new int[columns.size()];
        int kept = 0;
        for (int c = 0; c < columns.size(); c++) {
            if (!added.contains(columns.get(c).name())) {
                keep[kept++] = c;
                cols.add(columns.get(c));
            }
        }
        cols.addAll(ADDED_COLUMNS);
        List<Column> out = List.copyOf(cols);
        int width = kept;
        boolean identity = kept == columns.size();
        // the rows are built in ordered parallel chunks (keys and paths are strings per row: most of the work)
        ResultStream positions = new ResultStream() {
            private int k = from;

            @Override
            public List<Column> columns() {
                return out;
            }

            @Override
            public Object[] next() {
                if (k >= to) {
                    return null;
                }
                k++;
                return new Object[0];
            }

            @Override
            public void close() {
                k = to;
            }
        };
        return ParallelRows.over(positions).parallelism(Runtime.getRuntime().availableProcessors()).chunkRows(OUTPUT_CHUNK_ROWS)
                .name("process tree rows").map((chunk, first) -> {
                    List<Object[]> built = new ArrayList<>(chunk.size());
                    // depth first, a node's parent is mostly the last node built one level up: reuse its key and path
                    int[] nodeAt = new int[16];
                    String[] keyAt = new String[16];
                    String[] pathAt = new String[16];
                    Arrays.fill(nodeAt, -1);
                    Object[] in = new Object[store.width()];
                    for (int j = 0; j < chunk.size(); j++) {
                        int i = ids[from + (int) first + j];
                        Object[] r = new Object[width + 8];
                        store.read(rowRef[i], in);
                        if (identity) {
                            System.arraycopy(in, 0, r, 0, Math.min(in.length, width));
                        } else {
                            for (int c = 0; c < width; c++) {
                                r[c] = keep[c] < in.length ? in[keep[c]] : null;
                            }
                        }
                        int d = depth[i];
                        int up = parent[i];
                        if (d + 1 >= nodeAt.length) {
                            int n = (d + 1) * 2;
                            int old = nodeAt.length;
                            nodeAt = Arrays.copyOf(nodeAt, n);
                            Arrays.fill(nodeAt, old, n, -1);
                            keyAt = Arrays.copyOf(keyAt, n);
                            pathAt = Arrays.copyOf(pathAt, n);
                        }
                        String key = procKey(i);
                        String parentKey = null;
                        String p;
                        if (up < 0) {
                            p = Integer.toString(src[i]);
                        } else if (nodeAt[d - 1] == up) {
                            parentKey = keyAt[d - 1];
                            p = pathAt[d - 1] + '/' + src[i];
                        } else {
                            parentKey = procKey(up);
                            p = path(i);
                        }
                        nodeAt[d] = i;
                        keyAt[d] = key;
                        pathAt[d] = p;
                        r[width] = key;
                        r[width + 1] = parentKey;
                        r[width + 2] = p;
                        boolean root = up < 0;
                        boolean leaf = childStart[i + 1] == childStart[i];
                        r[width + 3] = root;
                        r[width + 4] = leaf;
                        r[width + 5] = !root && !leaf;
                        r[width + 6] = (long) d;
                        r[width + 7] = (long) src[i];
                        built.add(r);
                    }
                    return built;
                });
    }

    /** A summary as a one-row table with MSTICPy's key names as columns. */
    public ResultStream summaryStream() {
        TreeSummary s = summary();
        List<Column> cols = List.of(new Column("Processes", ColumnType.LONG), new Column("RootProcesses", ColumnType.LONG),
                new Column("LeafProcesses", ColumnType.LONG), new Column("BranchProcesses", ColumnType.LONG),
                new Column("IsolatedProcesses", ColumnType.LONG), new Column("LargestTreeDepth", ColumnType.LONG),
                new Column("SyntheticProcesses", ColumnType.LONG));
        Object[] row = {(long) s.processes(), (long) s.rootProcesses(), (long) s.leafProcesses(), (long) s.branchProcesses(),
                (long) s.isolatedProcesses(), (long) s.largestTreeDepth(), (long) s.syntheticProcesses()};
        List<Object[]> rowsOut = new ArrayList<>();
        rowsOut.add(row);
        return ResultStream.of(cols, rowsOut);
    }

    /**
     * The forest as indented text, as MSTICPy's {@code tree_to_text}: per process a {@code +} line with name and PID,
     * then time, command line and account lines; children indented three spaces per level under {@code +--}.
     *
     * @param wrap wrap lines at this width (MSTICPy wraps at 80); 0 to not wrap
     */
    public String toText(int wrap) {
        StringBuilder sb = new StringBuilder();
        appendText(sb, dfs, 0, dfs.length, wrap);
        return sb.toString();
    }

    /** {@link #toText(int)} of one tree (or subtree) from {@code top} down. */
    public String toText(ProcessNode top, int wrap) {
        List<ProcessNode> nodes = new ArrayList<>();
        nodes.add(top);
        nodes.addAll(descendants(top));
        int[] ids = nodes.stream().mapToInt(this::own).toArray();
        StringBuilder sb = new StringBuilder();
        appendText(sb, ids, 0, ids.length, wrap);
        return sb.toString();
    }

    /** Appends {@link #toText(int)} of the whole forest to {@code out} in chunks, for forests too large for one string. */
    public void appendText(Appendable out, int wrap) {
        try {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < dfs.length; k++) {
                appendText(sb, dfs, k, k + 1, wrap);
                if (sb.length() > 1 << 16) {
                    out.append(sb);
                    sb.setLength(0);
                }
            }
            out.append(sb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void appendText(StringBuilder sb, int[] ids, int from, int to, int wrap) {
        int cmdIdx = column(schema.cmdLine());
        int userIdx = column(schema.userName());
        int logonIdx = column(schema.logonId());
        for (int k = from; k < to; k++) {
            int i = ids[k];
            int d = depth[i];
            String header = d == 0 ? "+ " : "   ".repeat(d) + "+-- ";
            String indent = " ".repeat(header.length() + 1);
            String first = "Process: " + text(value(i, nameIdx)) + "  PID: " + text(value(i, pidIdx));
            sb.append(header).append(' ');
            wrapInto(sb, first, wrap, header.length() + 1, indent, indent);
            List<String> more = new ArrayList<>();
            more.add("Time: " + text(value(i, timeIdx)));
            if (cmdIdx >= 0) {
                more.add("Cmdline: " + text(value(i, cmdIdx)));
            }
            StringBuilder acct = new StringBuilder();
            if (userIdx >= 0) {
                acct.append("Account: ").append(text(value(i, userIdx)));
            }
            if (logonIdx >= 0) {
                acct.append(acct.length() > 0 ? "  " : "").append("LogonId: ").append(text(value(i, logonIdx)));
            }
            if (acct.length() > 0) {
                more.add(acct.toString());
            }
            for (String line : more) {
                sb.append(indent);
                wrapInto(sb, line, wrap, indent.length(), indent, indent + "   ");
            }
        }
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof Instant t ? t.toString() : v.toString();
    }

    /** Appends {@code line} (already preceded by {@code used} characters) wrapped at {@code width} on spaces. */
    private static void wrapInto(StringBuilder sb, String line, int width, int used, String firstIndent, String nextIndent) {
        String l = line.replace('\n', ' ').replace('\r', ' ');
        if (width <= 0 || used + l.length() <= width) {
            sb.append(l).append('\n');
            return;
        }
        int col = used;
        int pos = 0;
        boolean lineStart = true;
        while (pos < l.length()) {
            int sp = l.indexOf(' ', pos);
            String word = sp < 0 ? l.substring(pos) : l.substring(pos, sp);
            pos = sp < 0 ? l.length() : sp + 1;
            if (word.isEmpty()) {
                continue;
            }
            int room = width - col - (lineStart ? 0 : 1);
            if (word.length() <= room) {
                if (!lineStart) {
                    sb.append(' ');
                    col++;
                }
                sb.append(word);
                col += word.length();
                lineStart = false;
                continue;
            }
            if (!lineStart && word.length() <= width - nextIndent.length()) {
                sb.append('\n').append(nextIndent);
                col = nextIndent.length();
                sb.append(word);
                col += word.length();
                continue;
            }
            // a word longer than a line: break it
            String w = word;
            if (!lineStart) {
                sb.append(' ');
                col++;
            }
            while (!w.isEmpty()) {
                int fit = Math.max(1, width - col);
                int take = Math.min(fit, w.length());
                sb.append(w, 0, take);
                w = w.substring(take);
                col += take;
                if (!w.isEmpty()) {
                    sb.append('\n').append(nextIndent);
                    col = nextIndent.length();
                }
            }
            lineStart = false;
        }
        sb.append('\n');
    }

    /** Counts of long values, open addressing: which occur more than once. */
    private static final class LongCounts {
        private final long[] keys;
        private final byte[] counts;
        private final int mask;
        private boolean anyRepeated;

        LongCounts(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
            keys = new long[cap];
            counts = new byte[cap];
            mask = cap - 1;
        }

        void add(long x) {
            int i = slot(x);
            if (counts[i] == 0) {
                keys[i] = x;
                counts[i] = 1;
            } else if (counts[i] == 1) {
                counts[i] = 2;
                anyRepeated = true;
            }
        }

        boolean anyRepeated() {
            return anyRepeated;
        }

        boolean repeated(long x) {
            return counts[slot(x)] == 2;
        }

        private int slot(long x) {
            int i = (int) (x ^ x >>> 32) & mask;
            while (counts[i] != 0 && keys[i] != x) {
                i = (i + 1) & mask;
            }
            return i;
        }
    }
}
