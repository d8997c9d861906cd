package dev.hunt4j.analysis.proctree;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.analysis.timeseries.EventTime;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads process events into compact arrays and links each to its parent. Three ways, chosen from the columns:
 * <ul>
 * <li>as of time (Windows 4688, auditd, osquery, Sysmon without GUIDs): the parent is the most recent process at or
 * before the child's time on the same host whose id (and, where the schema has parent names, lower-cased name)
 * matches; one pass over events sorted by host and time with a map per host of (pid, name) to the latest process, so
 * PID reuse resolves to the instance alive at the time;</li>
 * <li>by key (Defender): the parent is the process with the parent's exact name, id and creation time (to 10 µs);
 * missing parents are added from the InitiatingProcess* columns and their missing parents from
 * InitiatingProcessParent*, as MSTICPy does;</li>
 * <li>by GUID (Sysmon with ProcessGuid/ParentProcessGuid).</li>
 * </ul>
 * A parent that is not in the data becomes one synthetic root per (host, parent id, parent name).
 */
final class TreeLinker {
    static final long MISSING_PID = Long.MIN_VALUE;
    /** {@link #parsePid}: the pid is text, not a number (text pids get ids above this). */
    private static final long TEXT_PID = Long.MIN_VALUE + 1;
    /** Input rows prepared per parallel chunk. */
    private static final int PREPARE_CHUNK_ROWS = 1024;
    private static final int INITIAL = 1 << 12;

    private enum Mode { AS_OF, KEYED, GUID }

    private final ProcSchema schema;
    private final List<Column> columns;
    private final Mode mode;
    private final int timeIdx;
    private final int nameIdx;
    private final int pidIdx;
    private final int ppidIdx;
    private final int pnameIdx;
    private final int hostIdx;
    private final int eventIdx;
    private final String eventValue;
    private final int excludeIdx;
    private final String excludeValue;
    private final int guidIdx;
    private final int pguidIdx;
    private final int ptimeIdx;
    private final int gpNameIdx;
    private final int gpIdIdx;
    private final int gpTimeIdx;
    private final boolean nameChecked;

    // per-node arrays (real processes first, synthetic parents appended)
    private int n;
    /** Each node's input row number, also where its row is in {@link #store}; an added parent's is negative: its store reference. */
    private int[] src = new int[INITIAL];
    private int[] host = new int[INITIAL];
    private long[] time = new long[INITIAL];
    private long[] pid = new long[INITIAL];
    private long[] ppid = new long[INITIAL];
    private int[] name = new int[INITIAL];
    private int[] pname = new int[INITIAL];
    private int[] parent = new int[INITIAL];
    private boolean[] dup = new boolean[INITIAL];
    private int inputRows;

    private final Map<String, Integer> hostIds = new HashMap<>();
    private final List<String> hostNames = new ArrayList<>();
    /** raw name → its canonical string and lower-case name id; the lower-case names themselves */
    private final Map<String, RawName> rawNames = new HashMap<>();
    private final Map<String, Integer> lcNameIds = new HashMap<>();
    private final List<String> lcNames = new ArrayList<>();
    private final Map<String, Long> textPids = new HashMap<>();
    private final int unknownName;
    private final RowInterner interner;
    private final RowStore store;

    TreeLinker(List<Column> columns, ProcSchema schema) {
        this.columns = columns;
        this.schema = schema;
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            idx.putIfAbsent(columns.get(i).name(), i);
        }
        Set<String> names = idx.keySet();
        List<String> missing = schema.missingRequired(names);
        if (!missing.isEmpty()) {
            throw new QueryException("the input lacks column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " of process schema " + schema.name() + "; its columns are " + columns.stream().map(Column::name).toList()
                    + " (choose another schema or map the columns in a schema file)");
        }
        String pt = schema.field("process_time");
        timeIdx = pt != null && idx.containsKey(pt) && idx.containsKey(String.valueOf(schema.field("parent_time")))
                ? idx.get(pt) : idx.get(schema.timeStamp());
        nameIdx = idx.get(schema.processName());
        pidIdx = idx.get(schema.processId());
        ppidIdx = idx.get(schema.parentId());
        pnameIdx = opt(idx, schema.parentName());
        hostIdx = opt(idx, schema.hostName());
        eventIdx = opt(idx, schema.field("event_id_column"));
        eventValue = schema.field("event_id_identifier");
        excludeIdx = opt(idx, schema.field("exclude_event_column"));
        excludeValue = schema.field("exclude_event_value");
        guidIdx = opt(idx, schema.field("process_guid"));
        pguidIdx = opt(idx, schema.field("parent_guid"));
        ptimeIdx = opt(idx, schema.field("parent_time"));
        gpNameIdx = opt(idx, schema.field("grandparent_name"));
        gpIdIdx = opt(idx, schema.field("grandparent_id"));
        gpTimeIdx = opt(idx, schema.field("grandparent_time"));
        mode = guidIdx >= 0 && pguidIdx >= 0 ? Mode.GUID : ptimeIdx >= 0 ? Mode.KEYED : Mode.AS_OF;
        nameChecked = pnameIdx >= 0;
        unknownName = lcId("unknown");
        interner = new RowInterner(columns.size(), timeIdx, nameIdx, pnameIdx, hostIdx);
        store = new RowStore(columns.size(), PREPARE_CHUNK_ROWS);
    }

    private static int opt(Map<String, Integer> idx, String col) {
        return col == null ? -1 : idx.getOrDefault(col, -1);
    }

    /** Reads every row of {@code input} (closing it) and links the processes. */
    ProcessTree link(ResultStream input) {
        // filtering and parsing times and pids runs in ordered parallel chunks; names, hosts and links need the
        // shared maps and stay on this thread
        try (input; ResultStream prepared = ParallelRows.over(input).parallelism(Runtime.getRuntime().availableProcessors())
                .chunkRows(PREPARE_CHUNK_ROWS).name("process events")
                .map((chunk, first) -> Collections.singletonList(new Object[] {prepare(chunk, first)}))) {
            int rows = 0;
            for (Object[] c = prepared.next(); c != null; c = prepared.next()) {
                Prepared p = (Prepared) c[0];
                store.append(p.block);
                for (int j = 0; j < p.skip.length; j++) {
                    if (!p.skip[j]) {
                        add((int) p.first + j, p.time[j], p.pid[j], p.ppid[j]);
                    }
                }
                rows = (int) p.first + p.skip.length;
            }
            inputRows = rows;
        }
        interner.release();
        return switch (mode) {
            case AS_OF -> linkAsOf();
            case KEYED -> linkKeyed();
            case GUID -> linkGuid();
        };
    }

    private static String text(Object v) {
        return v == null ? null : v.toString().trim();
    }

    /** A chunk of input rows with what can be worked out without the shared maps. */
    private record Prepared(RowStore.Block block, long first, boolean[] skip, long[] time, long[] pid, long[] ppid) {
    }

    private Prepared prepare(List<Object[]> chunk, long first) {
        int size = chunk.size();
        boolean[] skip = new boolean[size];
        long[] times = new long[size];
        long[] pids = new long[size];
        long[] ppids = new long[size];
        for (int j = 0; j < size; j++) {
            Object[] row = interner.intern(chunk.get(j));
            if (eventIdx >= 0 && eventValue != null && !eventValue.equals(text(row[eventIdx]))
                    || excludeIdx >= 0 && excludeValue != null && excludeValue.equals(text(row[excludeIdx]))) {
                skip[j] = true;
                continue;
            }
            try {
                times[j] = EventTime.parse(row[timeIdx]);
            } catch (IllegalArgumentException e) {
                throw new QueryException("row " + (first + j + 1) + ", column '" + columns.get(timeIdx).name() + "': " + e.getMessage());
            }
            pids[j] = parsePid(row[pidIdx]);
            ppids[j] = parsePid(row[ppidIdx]);
        }
        // the names and the host stay strings: the linker replaces them by their shared copies
        boolean[] packable = interner.unshared();
        for (int c : new int[] {nameIdx, pnameIdx, hostIdx}) {
            if (c >= 0 && c < packable.length) {
                packable[c] = false;
            }
        }
        return new Prepared(store.pack(chunk, packable), first, skip, times, pids, ppids);
    }

    private void grow() {
        int cap = src.length * 2;
        src = Arrays.copyOf(src, cap);
        host = Arrays.copyOf(host, cap);
        time = Arrays.copyOf(time, cap);
        pid = Arrays.copyOf(pid, cap);
        ppid = Arrays.copyOf(ppid, cap);
        name = Arrays.copyOf(name, cap);
        pname = Arrays.copyOf(pname, cap);
        parent = Arrays.copyOf(parent, cap);
        dup = Arrays.copyOf(dup, cap);
    }

    private void add(int rowNo, long eventTime, long pidNumber, long ppidNumber) {
        if (n == src.length) {
            grow();
        }
        int i = n++;
        src[i] = rowNo;
        if (hostIdx >= 0) {
            Object h = store.get(rowNo, hostIdx);
            host[i] = hostId(h);
            store.set(rowNo, hostIdx, h == null ? null : hostNames.get(host[i]));
        } else {
            host[i] = hostId("");
        }
        time[i] = eventTime;
        pid[i] = pidNumber == TEXT_PID ? textPid(store.get(rowNo, pidIdx).toString()) : pidNumber;
        ppid[i] = ppidNumber == TEXT_PID ? textPid(store.get(rowNo, ppidIdx).toString()) : ppidNumber;
        name[i] = nameId(rowNo, nameIdx, mode == Mode.KEYED);
        pname[i] = pnameIdx < 0 ? unknownName : nameId(rowNo, pnameIdx, mode == Mode.KEYED);
        parent[i] = -1;
    }

    private int hostId(Object v) {
        String h = v == null ? "" : v.toString();
        Integer id = hostIds.get(h);
        if (id == null) {
            id = hostNames.size();
            hostIds.put(h, id);
            hostNames.add(h);
        }
        return id;
    }

    /** The lower-case name id of a row's column; also replaces the value by its canonical (interned) string. */
    private int nameId(int rowRef, int col, boolean baseName) {
        Object v = store.get(rowRef, col);
        if (v == null) {
            return unknownName;
        }
        String raw = v.toString();
        RawName e = rawNames.get(raw);
        if (e == null) {
            String t = baseName ? baseName(raw) : raw.trim();
            e = new RawName(raw, t.isEmpty() ? unknownName : lcId(t.toLowerCase(Locale.ROOT)));
            rawNames.put(raw, e);
        }
        if (v instanceof String) {
            store.set(rowRef, col, e.canonical);
        }
        return e.lcId;
    }

    private int nameId(Object v, boolean baseName) {
        if (v == null) {
            return unknownName;
        }
        String t = baseName ? baseName(v.toString()) : v.toString().trim();
        return t.isEmpty() ? unknownName : lcId(t.toLowerCase(Locale.ROOT));
    }

    private record RawName(String canonical, int lcId) {
    }

    private int lcId(String lc) {
        Integer id = lcNameIds.get(lc);
        if (id == null) {
            id = lcNames.size();
            lcNameIds.put(lc, id);
            lcNames.add(lc);
        }
        return id;
    }

    static String baseName(String path) {
        String t = path.trim();
        int cut = Math.max(t.lastIndexOf('\\'), t.lastIndexOf('/'));
        return t.isEmpty() ? "unknown" : t.substring(cut + 1);
    }

    /** A pid as a number: decimal, 0x-hex, a float with .0 (as MSTICPy forces to int); other text gets a stable id. */
    long pidValue(Object v) {
        long x = parsePid(v);
        return x == TEXT_PID ? textPid(v.toString()) : x;
    }

    /** {@link #pidValue} without the ids of text pids ({@link #TEXT_PID} for those): safe on any thread. */
    static long parsePid(Object v) {
        if (v == null) {
            return MISSING_PID;
        }
        if (v instanceof Number num) {
            return num.longValue();
        }
        String s = v.toString();
        int len = s.length();
        int from = 0;
        while (from < len && s.charAt(from) <= ' ') {
            from++;
        }
        while (len > from && s.charAt(len - 1) <= ' ') {
            len--;
        }
        if (from == len) {
            return MISSING_PID;
        }
        if (len - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            long x = 0;
            boolean ok = len - from - 2 <= 16;
            for (int i = from + 2; i < len && ok; i++) {
                int d = Character.digit(s.charAt(i), 16);
                ok = d >= 0;
                x = x << 4 | d;
            }
            if (ok) {
                return x;
            }
        } else {
            long x = 0;
            boolean neg = s.charAt(from) == '-';
            int i = neg ? from + 1 : from;
            int digits = 0;
            for (; i < len && digits < 18; i++, digits++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                x = x * 10 + (c - '0');
            }
            boolean ok = digits > 0 && (i == len || s.charAt(i) == '.');
            if (ok && i < len) {
                for (int k = i + 1; k < len; k++) {
                    ok &= s.charAt(k) == '0';
                }
            }
            if (ok) {
                return neg ? -x : x;
            }
        }
        return TEXT_PID;
    }

    private long textPid(String s) {
        String key = s.trim().toLowerCase(Locale.ROOT);
        return textPids.computeIfAbsent(key, k -> TEXT_PID + 1 + textPids.size());
    }

    // ---------------------------------------------------------------- as of time

    private ProcessTree linkAsOf() {
        int real = n;
        int hosts = hostNames.size();
        int[] start = new int[hosts + 1];
        int[] order = Sorting.groupByHost(Sorting.identity(real), host, hosts, start);
        int[] tmp = new int[real];
        // a parent is always on its child's host, so hosts are sorted and linked independently, in parallel
        Ranges.forEach(start, Math.max(4096, real / 32), "process linking", (fromHost, toHost) -> {
            PidMap latest = new PidMap(1024);
            for (int h = fromHost; h < toHost; h++) {
                Sorting.sortByTime(order, tmp, start[h], start[h + 1], time);
                latest.clear();
                linkHost(order, start[h], start[h + 1], latest);
            }
        });
        PidMap synth = new PidMap(256);
        for (int h = 0; h < hosts; h++) {
            synth.clear();
            // parents not in the data: one synthetic root per (pid, name) on this host (created here, in host and
            // time order, so their numbering does not depend on the threads)
            for (int q = start[h]; q < start[h + 1]; q++) {
                int r = order[q];
                if (dup[r] || parent[r] >= 0 || ppid[r] == MISSING_PID) {
                    continue;
                }
                int pk = nameChecked ? pname[r] : -1;
                int s = synth.get(ppid[r], pk);
                if (s < 0) {
                    s = addSynthetic(r);
                    synth.put(ppid[r], pk, s);
                }
                parent[r] = s;
            }
        }
        // real nodes in host/time order, then synthetic ones (created host by host): merge into one order
        int[] realOrder = new int[real];
        int m = 0;
        for (int q = 0; q < real; q++) {
            if (!dup[order[q]]) {
                realOrder[m++] = order[q];
            }
        }
        int[] synthOrder = new int[n - real];
        for (int s = 0; s < synthOrder.length; s++) {
            synthOrder[s] = real + s;
        }
        int[] all = Sorting.mergeByHostTime(Arrays.copyOf(realOrder, m), synthOrder, host, time);
        return finish(all);
    }

    /** Links the rows order[from, to) of one host, in time order: duplicates and parents found in the data. */
    private void linkHost(int[] order, int from, int to, PidMap latest) {
        int i = from;
        while (i < to) {
            long t = time[order[i]];
            int j = i;
            while (j < to && time[order[j]] == t) {
                j++;
            }
            for (int q = i; q < j; q++) {
                int r = order[q];
                int nk = nameChecked ? name[r] : -1;
                int existing = latest.get(pid[r], nk);
                if (existing >= 0 && time[existing] == t && ppid[existing] == ppid[r] && name[existing] == name[r]) {
                    dup[r] = true; // the same process creation logged twice
                    continue;
                }
                if (ppid[r] != MISSING_PID) {
                    int p = latest.get(ppid[r], nameChecked ? pname[r] : -1);
                    if (p >= 0) {
                        parent[r] = p;
                    }
                }
                latest.put(pid[r], nk, r);
            }
            // a parent logged at the same instant as its child but after it (as merge_asof allows)
            for (int q = i; q < j; q++) {
                int r = order[q];
                if (!dup[r] && parent[r] < 0 && ppid[r] != MISSING_PID) {
                    int p = latest.get(ppid[r], nameChecked ? pname[r] : -1);
                    if (p >= 0 && p != r && !isAncestorOrSelf(r, p)) {
                        parent[r] = p;
                    }
                }
            }
            i = j;
        }
    }

    private boolean isAncestorOrSelf(int node, int candidateParent) {
        int x = candidateParent;
        for (int guard = 0; x >= 0 && guard < 100_000; guard++) {
            if (x == node) {
                return true;
            }
            x = parent[x];
        }
        return false;
    }

    /** A synthetic parent for child r, from the child's parent columns (time: the epoch, as MSTICPy's time_zero). */
    private int addSynthetic(int r) {
        Object[] row = new Object[columns.size()];
        Object[] child = store.row(src[r]);
        if (hostIdx >= 0) {
            row[hostIdx] = child[hostIdx];
        }
        row[pidIdx] = child[ppidIdx];
        Object pn = pnameIdx >= 0 ? child[pnameIdx] : null;
        row[nameIdx] = pn == null || pn.toString().isBlank() ? "unknown" : pn;
        if (n == src.length) {
            grow();
        }
        int s = n++;
        src[s] = store.add(row);
        host[s] = host[r];
        time[s] = 0;
        pid[s] = ppid[r];
        ppid[s] = MISSING_PID;
        name[s] = pname[r];
        pname[s] = unknownName;
        parent[s] = -1;
        return s;
    }

    // ---------------------------------------------------------------- by key (Defender)

    private record Ident(int host, int name, long pid, long t10) {
    }

    private static long t10(long nanos) {
        return nanos == EventTime.MISSING ? 0 : Math.floorDiv(nanos + 5_000, 10_000);
    }

    private ProcessTree linkKeyed() {
        int real = n;
        Map<Ident, Integer> known = new HashMap<>(real * 2);
        for (int r = 0; r < real; r++) {
            Ident id = new Ident(host[r], name[r], pid[r], t10(time[r]));
            if (known.putIfAbsent(id, r) != null) {
                dup[r] = true;
            }
        }
        Map<Ident, Integer> synth = new HashMap<>();
        List<Ident> synthGrand = new ArrayList<>();
        List<Integer> synthChild = new ArrayList<>();
        int[] copyMap = parentColumnMap();
        for (int r = 0; r < real; r++) {
            if (dup[r] || ppid[r] == MISSING_PID) {
                continue;
            }
            Ident pi = new Ident(host[r], pname[r], ppid[r], t10(parseTime(r, ptimeIdx)));
            Integer p = known.get(pi);
            if (p == null) {
                p = synth.get(pi);
                if (p == null) {
                    p = addKeyedParent(r, pi, copyMap);
                    synth.put(pi, p);
                    synthGrand.add(grandIdent(r));
                    synthChild.add(r);
                }
            }
            if (p != r) {
                parent[r] = p;
            }
        }
        // parents of the added parents: an existing process, another added parent, or a new root
        int firstSynth = real;
        int synthCount = n - real;
        Map<Ident, Integer> roots = new HashMap<>();
        for (int k = 0; k < synthCount; k++) {
            int s = firstSynth + k;
            Ident gi = synthGrand.get(k);
            if (gi == null) {
                continue;
            }
            Integer p = known.get(gi);
            if (p == null) {
                p = synth.get(gi);
            }
            if (p == null) {
                p = roots.get(gi);
                if (p == null) {
                    p = addGrandparent(s, gi, synthChild.get(k));
                    roots.put(gi, p);
                }
            }
            if (p != s) {
                parent[s] = p;
            }
        }
        return finishSorted();
    }

    private long parseTime(int r, int idx) {
        if (idx < 0) {
            return EventTime.MISSING;
        }
        try {
            return EventTime.parse(store.get(src[r], idx));
        } catch (IllegalArgumentException e) {
            throw new QueryException("row " + (src[r] + 1) + ", column '" + columns.get(idx).name() + "': " + e.getMessage());
        }
    }

    private Ident grandIdent(int r) {
        if (gpIdIdx < 0) {
            return null;
        }
        long gpid = pidValue(store.get(src[r], gpIdIdx));
        if (gpid == MISSING_PID) {
            return null;
        }
        int gname = gpNameIdx < 0 ? unknownName : nameId(store.get(src[r], gpNameIdx), true);
        return new Ident(host[r], gname, gpid, t10(parseTime(r, gpTimeIdx)));
    }

    /**
     * For added parents: which child column fills each column (InitiatingProcessX → ProcessX / X, InitiatingX →
     * CreatedX), so a parent row carries the account, path and hashes its children recorded about it. -1: none.
     */
    private int[] parentColumnMap() {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            idx.putIfAbsent(columns.get(i).name(), i);
        }
        int[] from = new int[columns.size()];
        Arrays.fill(from, -1);
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i).name();
            List<String> targets = new ArrayList<>();
            if (c.startsWith("InitiatingProcessParent")) {
                continue; // the grandparent's, not the parent's
            }
            if (c.startsWith("InitiatingProcess")) {
                String stem = c.substring("InitiatingProcess".length());
                targets.add("Process" + stem);
                targets.add(stem);
                targets.add("CreatedProcess" + stem);
            } else if (c.startsWith("Initiating")) {
                targets.add("Created" + c.substring("Initiating".length()));
            }
            for (String t : targets) {
                Integer ti = idx.get(t);
                if (ti != null && from[ti] < 0) {
                    from[ti] = i;
                    break;
                }
            }
        }
        return from;
    }

    private int addKeyedParent(int r, Ident pi, int[] copyMap) {
        Object[] child = store.row(src[r]);
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            if (copyMap[i] >= 0) {
                row[i] = child[copyMap[i]];
            }
        }
        if (hostIdx >= 0) {
            row[hostIdx] = child[hostIdx];
        }
        row[pidIdx] = child[ppidIdx];
        Object pn = child[pnameIdx];
        row[nameIdx] = pn == null || pn.toString().isBlank() ? "unknown" : pn;
        row[timeIdx] = child[ptimeIdx];
        return addNode(row, host[r], pi.t10 * 10_000, pi.pid, pi.name);
    }

    /** A root for added parent s's parent, described by the grandparent columns of s's first child r. */
    private int addGrandparent(int s, Ident gi, int r) {
        Object[] child = store.row(src[s]);
        Object[] row = new Object[columns.size()];
        if (hostIdx >= 0) {
            row[hostIdx] = child[hostIdx];
        }
        Object[] src0 = store.row(src[r]);
        row[pidIdx] = src0[gpIdIdx];
        Object gn = gpNameIdx >= 0 ? src0[gpNameIdx] : null;
        row[nameIdx] = gn == null || gn.toString().isBlank() ? "unknown" : baseName(gn.toString());
        if (gpTimeIdx >= 0) {
            row[timeIdx] = src0[gpTimeIdx];
        }
        return addNode(row, host[s], gi.t10 * 10_000, gi.pid, gi.name);
    }

    private int addNode(Object[] row, int h, long t, long p, int nm) {
        if (n == src.length) {
            grow();
        }
        int s = n++;
        src[s] = store.add(row);
        host[s] = h;
        time[s] = t;
        pid[s] = p;
        ppid[s] = MISSING_PID;
        name[s] = nm;
        pname[s] = unknownName;
        parent[s] = -1;
        return s;
    }

    // ---------------------------------------------------------------- by GUID (Sysmon)

    private static String guid(Object v) {
        if (v == null) {
            return null;
        }
        String g = v.toString().trim().toLowerCase(Locale.ROOT);
        if (g.startsWith("{") && g.endsWith("}")) {
            g = g.substring(1, g.length() - 1);
        }
        return g.isEmpty() ? null : g;
    }

    private ProcessTree linkGuid() {
        int real = n;
        Map<String, Integer> known = new HashMap<>(real * 2);
        for (int r = 0; r < real; r++) {
            String g = guid(store.get(src[r], guidIdx));
            if (g != null && known.putIfAbsent(g, r) != null) {
                dup[r] = true;
            }
        }
        Map<String, Integer> synth = new HashMap<>();
        for (int r = 0; r < real; r++) {
            String pg = guid(store.get(src[r], pguidIdx));
            if (dup[r] || pg == null) {
                continue;
            }
            Integer p = known.get(pg);
            if (p == null) {
                p = synth.get(pg);
                if (p == null) {
                    p = addSynthetic(r);
                    store.set(src[p], guidIdx, store.get(src[r], pguidIdx));
                    time[p] = 0;
                    synth.put(pg, p);
                }
            }
            if (p != r) {
                parent[r] = p;
            }
        }
        return finishSorted();
    }

    // ---------------------------------------------------------------- common

    private ProcessTree finishSorted() {
        int[] keep = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!dup[i]) {
                keep[m++] = i;
            }
        }
        int[] all = Sorting.sortByHostTime(Arrays.copyOf(keep, m), host, time, hostNames.size());
        breakCycles(all);
        return finish(all);
    }

    /** Defensive: bad data (a process recorded as its own ancestor) must not loop; the cycle's member found first becomes a root. */
    private void breakCycles(int[] nodes) {
        byte[] state = new byte[n];
        int[] path = new int[64];
        for (int start : nodes) {
            int len = 0;
            int x = start;
            while (x >= 0 && state[x] == 0) {
                state[x] = 1;
                if (len == path.length) {
                    path = Arrays.copyOf(path, len * 2);
                }
                path[len++] = x;
                int p = parent[x];
                if (p >= 0 && state[p] == 1) {
                    parent[x] = -1;
                    break;
                }
                x = p;
            }
            for (int k = 0; k < len; k++) {
                state[path[k]] = 2;
            }
        }
    }

    /** Builds the tree from the kept nodes in (host, time) order. */
    private ProcessTree finish(int[] ordered) {
        int total = ordered.length;
        // renumber: node ids in output order of (host, time) are not needed; keep original ids compacted
        int[] newId = new int[n];
        Arrays.fill(newId, -1);
        for (int k = 0; k < total; k++) {
            newId[ordered[k]] = k;
        }
        int[] rowRef = new int[total];
        int[] src2 = new int[total];
        int[] host2 = new int[total];
        long[] time2 = new long[total];
        long[] pid2 = new long[total];
        int[] name2 = new int[total];
        int[] parent2 = new int[total];
        int nextSynthetic = inputRows;
        for (int k = 0; k < total; k++) {
            int o = ordered[k];
            rowRef[k] = src[o];
            host2[k] = host[o];
            time2[k] = time[o];
            pid2[k] = pid[o];
            name2[k] = name[o];
            parent2[k] = parent[o] < 0 ? -1 : newId[parent[o]];
        }
        // synthetic parents are numbered after the input rows, in output order (as MSTICPy appends them)
        for (int k = 0; k < total; k++) {
            int o = ordered[k];
            src2[k] = src[o] >= 0 ? src[o] : nextSynthetic++;
        }
        return new ProcessTree(schema, columns, inputRows, store, rowRef, src2, host2, hostNames.toArray(new String[0]), time2, pid2, name2,
                lcNames.toArray(new String[0]), parent2, timeIdx, nameIdx, pidIdx, hostIdx);
    }

    /**
     * Interns row values column by column so repeated strings (user, SID, logon id, event id, token type) are stored
     * once; a column whose values are mostly distinct (times, ids, most command lines) stops being interned after a
     * short sample, so it costs no lookups. Names and the host are interned by the linker's own lookups.
     * Called from several threads at once: the maps are concurrent; the sample counters are not exact under
     * races, which only shifts the point where a column stops being interned.
     */
    static final class RowInterner {
        private static final int SAMPLE = 1024;
        private static final int MAX_DISTINCT = 1 << 18;
        private final Map<String, String>[] maps;
        private final int[] seen;
        private final int[] shared;

        @SuppressWarnings("unchecked")
        RowInterner(int width, int... skip) {
            maps = new Map[width];
            seen = new int[width];
            shared = new int[width];
            for (int i = 0; i < width; i++) {
                maps[i] = new ConcurrentHashMap<>();
            }
            for (int i : skip) {
                if (i >= 0) {
                    maps[i] = null; // interned by the linker's own lookups (names, host) or unique (time)
                }
            }
        }

        Object[] intern(Object[] row) {
            for (int i = 0; i < row.length && i < maps.length; i++) {
                Map<String, String> m = maps[i];
                if (m == null || !(row[i] instanceof String s)) {
                    continue;
                }
                String prev = m.putIfAbsent(s, s);
                if (prev != null) {
                    if (prev == s) {
                        shared[i]++;
                    }
                    row[i] = prev;
                }
                // stop where it doesn't pay: mostly distinct values, or a source that already shares its strings
                if (++seen[i] == SAMPLE && (m.size() > SAMPLE / 2 || shared[i] * 10 >= (SAMPLE - m.size()) * 9)
                        || m.size() > MAX_DISTINCT) {
                    maps[i] = null;
                }
            }
            return row;
        }

        /** Which columns are no longer interned (mostly distinct values, or never interned here). */
        boolean[] unshared() {
            boolean[] out = new boolean[maps.length];
            for (int i = 0; i < maps.length; i++) {
                out[i] = maps[i] == null;
            }
            return out;
        }

        void release() {
            Arrays.fill(maps, null);
        }
    }

}
