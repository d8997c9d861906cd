package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The table operations of the {@code filter}, {@code join}, {@code aggregate} and {@code union} steps. */
final class TableOps {
    /** Columns the {@code proctree} analyzer adds, which {@code filter}'s {@code tree} option reads. */
    static final String SOURCE_INDEX = "source_index";
    static final String PATH = "path";
    private static final List<String> NAME_COLUMNS = List.of("NewProcessName", "process_name", "ProcessName", "FileName",
            "Image", "exe", "InitiatingProcessFileName");
    private static final int MAX_VALUES = 20;
    /** Processes named in a {@code chain}: the process and its closest ancestors. */
    static final int CHAIN_LENGTH = 6;

    private TableOps() {
    }

    // ---- filter

    /** The rows for which {@code where} holds; parameters are looked up with {@code params}. */
    static List<Object[]> where(DataTable t, Expression where, Function<String, Object> params, Clock clock) {
        if (t.size() == 0) {
            return List.of();
        }
        Map<String, Integer> index = new HashMap<>();
        for (String n : where.names()) {
            index.put(n, t.require(n));
        }
        Object[][] current = new Object[1][];
        Expression.Scope scope = new Expression.Scope() {
            @Override
            public Object name(String name) {
                return current[0][index.get(name)];
            }

            @Override
            public Object param(String name) {
                return params.apply(name);
            }

            @Override
            public long rows(String table) {
                throw new QueryException("rows(" + table + ") is for 'when' conditions, not for filters");
            }
        };
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : t.rows()) {
            current[0] = row;
            if (where.test(scope, clock)) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Process-tree slicing over the {@code proctree} analyzer's output: the matched rows plus their ancestors and/or
     * descendants ({@code chain}: the matched rows only), in the input's order, with a {@code chain} column naming the
     * processes from the root down ({@code explorer.exe > cmd.exe > powershell.exe}).
     */
    static DataTable tree(DataTable all, List<Object[]> matched, String mode, String nameColumn) {
        int si = all.indexOf(SOURCE_INDEX);
        int pi = all.indexOf(PATH);
        if (si < 0 || pi < 0) {
            throw new QueryException("'tree' needs the proctree analyzer's columns " + SOURCE_INDEX + " and " + PATH
                    + " (analyze the table with analyzer: proctree first); table '" + all.name() + "' has " + all.columnNames());
        }
        int ni = nameColumn != null ? all.require(nameColumn) : -1;
        if (ni < 0) {
            for (String c : NAME_COLUMNS) {
                ni = all.indexOf(c);
                if (ni >= 0) {
                    break;
                }
            }
        }
        Map<String, Integer> rowOfIndex = new HashMap<>();
        List<Object[]> rows = all.rows();
        for (int r = 0; r < rows.size(); r++) {
            Object v = rows.get(r)[si];
            if (v != null) {
                rowOfIndex.put(DataTable.text(v), r);
            }
        }
        Map<Object[], Integer> position = new java.util.IdentityHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            position.put(rows.get(r), r);
        }
        BitSet keep = new BitSet(rows.size());
        boolean chainOnly = mode.equals("chain");
        boolean up = mode.equals("ancestors") || mode.equals("both");
        boolean down = mode.equals("descendants") || mode.equals("both");
        List<String> prefixes = new ArrayList<>();
        for (Object[] m : matched) {
            Integer r = position.get(m);
            if (r == null) {
                continue;
            }
            keep.set(r);
            String path = DataTable.text(m[pi]);
            if (up) {
                for (String part : path.split("/")) {
                    Integer a = rowOfIndex.get(part);
                    if (a != null) {
                        keep.set(a);
                    }
                }
            }
            if (down && !path.isEmpty()) {
                prefixes.add(path + "/");
            }
        }
        if (!prefixes.isEmpty()) {
            for (int r = 0; r < rows.size(); r++) {
                String path = DataTable.text(rows.get(r)[pi]);
                for (String p : prefixes) {
                    if (path.startsWith(p)) {
                        keep.set(r);
                        break;
                    }
                }
            }
        }
        List<Column> cols = new ArrayList<>(all.columns());
        boolean addChain = all.indexOf("chain") < 0;
        if (addChain) {
            cols.add(new Column("chain", ColumnType.STRING));
        }
        List<Object[]> out = new ArrayList<>(keep.cardinality());
        for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1)) {
            Object[] row = rows.get(r);
            if (!addChain) {
                out.add(row);
                continue;
            }
            Object[] copy = Arrays.copyOf(row, row.length + 1);
            List<String> names = new ArrayList<>();
            for (String part : DataTable.text(row[pi]).split("/")) {
                Integer a = rowOfIndex.get(part);
                String n = a == null || ni < 0 ? "" : baseName(DataTable.text(rows.get(a)[ni]));
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
            // the last few generations say what started it; the boot chain above them says nothing
            copy[row.length] = (names.size() > CHAIN_LENGTH ? "… > " : "")
                    + String.join(" > ", names.subList(Math.max(0, names.size() - CHAIN_LENGTH), names.size()));
            out.add(copy);
        }
        return new DataTable(all.name(), cols, out);
    }

    static String baseName(String path) {
        int i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return i >= 0 ? path.substring(i + 1) : path;
    }

    /** Keeps these columns, in this order. */
    static DataTable project(DataTable t, List<String> columns) {
        int[] idx = new int[columns.size()];
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = t.require(columns.get(i));
            cols.add(t.columns().get(idx[i]));
        }
        List<Object[]> rows = new ArrayList<>(t.size());
        for (Object[] r : t.rows()) {
            Object[] o = new Object[idx.length];
            for (int i = 0; i < idx.length; i++) {
                o[i] = r[idx[i]];
            }
            rows.add(o);
        }
        return new DataTable(t.name(), cols, rows);
    }

    /** Drops rows equal to an earlier row. */
    static List<Object[]> distinct(List<Object[]> rows) {
        Set<List<Object>> seen = new java.util.HashSet<>();
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            if (seen.add(Arrays.asList(r))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Sorts by {@code Col}, {@code Col desc} or {@code Col asc} keys; nulls last. */
    static List<Object[]> sort(DataTable t, List<Object[]> rows, List<String> keys, Clock clock) {
        Comparator<Object[]> cmp = null;
        for (String key : keys) {
            String[] parts = key.trim().split("\\s+");
            boolean desc = parts.length > 1 && parts[parts.length - 1].equalsIgnoreCase("desc");
            String col = parts.length > 1 && (desc || parts[parts.length - 1].equalsIgnoreCase("asc"))
                    ? key.trim().substring(0, key.trim().lastIndexOf(' ')).trim() : key.trim();
            int i = t.require(col);
            Comparator<Object[]> c = (a, b) -> {
                Object x = a[i];
                Object y = b[i];
                if (x == null || y == null) {
                    return x == null ? (y == null ? 0 : 1) : -1;
                }
                Integer r = Expression.compare(x, y, clock);
                int v = r == null ? DataTable.text(x).compareTo(DataTable.text(y)) : r;
                return desc ? -v : v;
            };
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        List<Object[]> out = new ArrayList<>(rows);
        if (cmp != null) {
            out.sort(cmp);
        }
        return out;
    }

    // ---- join

    /** Joins on key columns: {@code keys} maps a left column to a right column; {@code left} keeps unmatched left rows. */
    static DataTable join(String name, DataTable l, DataTable r, Map<String, String> keys, boolean left) {
        if (l.size() == 0 || (r.size() == 0 && !left)) {
            return new DataTable(name, joinedColumns(l, r, keys, new int[0]).columns, List.of());
        }
        int[] li = new int[keys.size()];
        int[] ri = new int[keys.size()];
        int k = 0;
        for (Map.Entry<String, String> e : keys.entrySet()) {
            li[k] = l.require(e.getKey());
            ri[k] = r.size() == 0 && r.indexOf(e.getValue()) < 0 ? -1 : r.require(e.getValue());
            k++;
        }
        Joined j = joinedColumns(l, r, keys, ri);
        Map<List<String>, List<Object[]>> byKey = new HashMap<>();
        for (Object[] row : r.rows()) {
            byKey.computeIfAbsent(key(row, ri), x -> new ArrayList<>()).add(row);
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : l.rows()) {
            List<Object[]> matches = byKey.getOrDefault(key(row, li), List.of());
            if (matches.isEmpty() && left) {
                out.add(combine(row, null, j.rightKept));
            }
            for (Object[] m : matches) {
                out.add(combine(row, m, j.rightKept));
            }
        }
        return new DataTable(name, j.columns, out);
    }

    private record Joined(List<Column> columns, int[] rightKept) {
    }

    private static Joined joinedColumns(DataTable l, DataTable r, Map<String, String> keys, int[] ri) {
        Set<String> rightKeys = new java.util.HashSet<>();
        for (String v : keys.values()) {
            int i = r.indexOf(v);
            if (i >= 0) {
                rightKeys.add(r.columns().get(i).name());
            }
        }
        List<Column> cols = new ArrayList<>(l.columns());
        Set<String> names = new java.util.HashSet<>();
        l.columns().forEach(c -> names.add(c.name().toLowerCase(Locale.ROOT)));
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) {
            Column c = r.columns().get(i);
            if (rightKeys.contains(c.name())) {
                continue;
            }
            String n = c.name();
            if (!names.add(n.toLowerCase(Locale.ROOT))) {
                n = n + "_" + r.name();
                names.add(n.toLowerCase(Locale.ROOT));
            }
            cols.add(new Column(n, c.type()));
            kept.add(i);
        }
        return new Joined(cols, kept.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> key(Object[] row, int[] idx) {
        List<String> k = new ArrayList<>(idx.length);
        for (int i : idx) {
            k.add(i < 0 ? "" : DataTable.text(row[i]));
        }
        return k;
    }

    private static Object[] combine(Object[] l, Object[] r, int[] rightKept) {
        Object[] o = Arrays.copyOf(l, l.length + rightKept.length);
        for (int i = 0; i < rightKept.length; i++) {
            o[l.length + i] = r == null ? null : r[rightKept[i]];
        }
        return o;
    }

    // ---- aggregate

    /** Groups by {@code by} and computes the requested columns; sorted by the count, largest first, unless {@code sort}. */
    static DataTable aggregate(String name, DataTable t, List<String> by, String countName, Map<String, String> distinct,
                               Map<String, String> min, Map<String, String> max, Map<String, String> values, Map<String, String> sum) {
        int[] bi = by.stream().mapToInt(t::require).toArray();
        List<Column> cols = new ArrayList<>();
        for (int i : bi) {
            cols.add(t.columns().get(i));
        }
        cols.add(new Column(countName, ColumnType.LONG));
        List<int[]> specs = new ArrayList<>();
        // kind 0 distinct, 1 min, 2 max, 3 values
        addSpecs(t, distinct, 0, cols, specs, c -> ColumnType.LONG);
        addSpecs(t, min, 1, cols, specs, c -> t.columns().get(c).type());
        addSpecs(t, max, 2, cols, specs, c -> t.columns().get(c).type());
        addSpecs(t, values, 3, cols, specs, c -> ColumnType.STRING);
        addSpecs(t, sum, 4, cols, specs, c -> t.columns().get(c).type() == ColumnType.LONG ? ColumnType.LONG : ColumnType.DOUBLE);
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        for (Object[] row : t.rows()) {
            List<Object> key = new ArrayList<>(bi.length);
            for (int i : bi) {
                key.add(row[i]);
            }
            Group g = groups.computeIfAbsent(key, x -> new Group(specs.size()));
            g.count++;
            for (int s = 0; s < specs.size(); s++) {
                int kind = specs.get(s)[0];
                Object v = row[specs.get(s)[1]];
                if (v == null || (v instanceof String str && str.isEmpty())) {
                    continue;
                }
                switch (kind) {
                    case 0, 3 -> g.sets.get(s).add(v);
                    case 4 -> {
                        Double d = v instanceof Number n ? Double.valueOf(n.doubleValue()) : parse(DataTable.text(v));
                        if (d != null) {
                            g.sums[s] += d;
                        }
                    }
                    case 1 -> {
                        Integer c = g.best[s] == null ? -1 : Expression.compare(v, g.best[s], Clock.systemUTC());
                        if (c != null && c < 0) {
                            g.best[s] = v;
                        }
                    }
                    default -> {
                        Integer c = g.best[s] == null ? 1 : Expression.compare(v, g.best[s], Clock.systemUTC());
                        if (c != null && c > 0) {
                            g.best[s] = v;
                        }
                    }
                }
            }
        }
        List<Object[]> rows = new ArrayList<>(groups.size());
        for (Map.Entry<List<Object>, Group> e : groups.entrySet()) {
            Object[] row = new Object[cols.size()];
            int c = 0;
            for (Object k : e.getKey()) {
                row[c++] = k;
            }
            Group g = e.getValue();
            row[c++] = g.count;
            for (int s = 0; s < specs.size(); s++) {
                int kind = specs.get(s)[0];
                row[c++] = switch (kind) {
                    case 0 -> (long) g.sets.get(s).size();
                    case 3 -> {
                        List<String> vs = g.sets.get(s).stream().map(DataTable::text).sorted().toList();
                        yield String.join(", ", vs.size() > MAX_VALUES ? vs.subList(0, MAX_VALUES) : vs)
                                + (vs.size() > MAX_VALUES ? ", ... (" + vs.size() + ")" : "");
                    }
                    case 4 -> cols.get(c - 1).type() == ColumnType.LONG ? (Object) (long) g.sums[s] : (Object) g.sums[s];
                    default -> g.best[s];
                };
            }
            rows.add(row);
        }
        int countIndex = bi.length;
        rows.sort(Comparator.comparingLong((Object[] r) -> (Long) r[countIndex]).reversed());
        return new DataTable(name, cols, rows);
    }

    private static void addSpecs(DataTable t, Map<String, String> spec, int kind, List<Column> cols, List<int[]> specs,
                                 Function<Integer, ColumnType> typeOf) {
        for (Map.Entry<String, String> e : spec.entrySet()) {
            int c = t.require(e.getValue());
            cols.add(new Column(e.getKey(), typeOf.apply(c)));
            specs.add(new int[] {kind, c});
        }
    }

    private static final class Group {
        long count;
        final Object[] best;
        final double[] sums;
        final List<Set<Object>> sets = new ArrayList<>();

        Group(int n) {
            best = new Object[n];
            sums = new double[n];
            for (int i = 0; i < n; i++) {
                sets.add(new LinkedHashSet<>());
            }
        }
    }

    private static Double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- union

    /** Stacks tables; columns matched by name (a column missing from a table is null there; differing types become text). */
    static DataTable union(String name, List<DataTable> tables) {
        Map<String, Column> cols = new LinkedHashMap<>();
        for (DataTable t : tables) {
            for (Column c : t.columns()) {
                Column prev = cols.get(c.name());
                if (prev == null) {
                    cols.put(c.name(), c);
                } else if (prev.type() != c.type()) {
                    cols.put(c.name(), new Column(c.name(), ColumnType.STRING));
                }
            }
        }
        List<Column> out = new ArrayList<>(cols.values());
        List<Object[]> rows = new ArrayList<>();
        for (DataTable t : tables) {
            int[] idx = new int[out.size()];
            for (int i = 0; i < idx.length; i++) {
                int j = -1;
                for (int k = 0; k < t.columns().size(); k++) {
                    if (t.columns().get(k).name().equals(out.get(i).name())) {
                        j = k;
                        break;
                    }
                }
                idx[i] = j;
            }
            for (Object[] r : t.rows()) {
                Object[] o = new Object[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    Object v = idx[i] < 0 ? null : r[idx[i]];
                    o[i] = v != null && out.get(i).type() == ColumnType.STRING && !(v instanceof String) ? DataTable.text(v) : v;
                }
                rows.add(o);
            }
        }
        return new DataTable(name, out, rows);
    }

    /** A list option: a YAML list, or comma-separated text. */
    static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (Object o : l) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().trim());
                }
            }
        } else {
            for (String s : value.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** A mapping option of text to text. */
    static Map<String, String> map(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : ParameterSpec.text(v)));
        }
        return out;
    }
}
