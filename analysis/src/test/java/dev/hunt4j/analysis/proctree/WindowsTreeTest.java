package dev.hunt4j.analysis.proctree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hand-built Windows 4688 data set with PID reuse, missing parents, two hosts and the parent-name check. */
class WindowsTreeTest {
    static final List<String> NAMES = List.of("TimeGenerated", "Computer", "EventID", "NewProcessId", "NewProcessName",
            "ProcessId", "ParentProcessName", "CommandLine", "SubjectUserName", "SubjectLogonId");
    static final String SYS = "C:\\Windows\\System32\\";

    static Object[] ev(String time, String host, String id, String pid, String name, String ppid, String parent, String cmd) {
        return new Object[] {"2024-05-01T10:00:" + time + "Z", host, id, pid, name, ppid, parent, cmd, "bob", "0x3e7"};
    }

    static List<Object[]> events() {
        List<Object[]> r = new ArrayList<>();
        r.add(ev("00", "A", "4688", "0x2a8", SYS + "services.exe", "0x1f0", SYS + "wininit.exe", "services.exe")); // 0: parent missing
        r.add(ev("01", "A", "4688", "0x100", SYS + "cmd.exe", "0x2a8", SYS + "services.exe", "cmd.exe /c x"));   // 1
        r.add(ev("02", "A", "4688", "0x104", SYS + "conhost.exe", "0x100", SYS + "cmd.exe", "conhost.exe"));     // 2
        r.add(ev("03", "B", "4688", "0x100", SYS + "cmd.exe", "0x2a8", SYS + "services.exe", "cmd.exe"));        // 3: other host
        r.add(ev("04", "A", "4688", "0x108", SYS + "whoami.exe", "0x100", SYS + "cmd.exe", "whoami"));           // 4: not B's cmd
        r.add(ev("05", "A", "4688", "0x100", SYS + "notepad.exe", "0x2a8", SYS + "services.exe", "notepad"));    // 5: pid 0x100 reused
        r.add(ev("06", "A", "4688", "0x10c", SYS + "calc.exe", "0x100", SYS + "notepad.exe", "calc"));           // 6: child of 5
        r.add(ev("07", "A", "4688", "0x110", "C:\\Temp\\evil.exe", "0x100", SYS + "svchost.exe", "evil.exe -x")); // 7: name mismatch
        r.add(ev("08", "A", "4624", "0x0", "", "0x0", "", ""));                                                   // 8: not a 4688
        r.add(ev("02", "A", "4688", "0x104", SYS + "conhost.exe", "0x100", SYS + "cmd.exe", "conhost.exe"));     // 9: duplicate of 2
        r.add(ev("09", "A", "4688", "0x114", SYS + "more.com", "0x100", "C:\\WINDOWS\\system32\\NOTEPAD.EXE", "more")); // 10: case
        r.add(ev("10", "B", "4688", "0x200", "C:\\x.exe", "0x1f0", SYS + "wininit.exe", "x"));                  // 11: key clash with A's
        return r;
    }

    static ResultStream input(List<Object[]> rows) {
        List<Column> cols = NAMES.stream().map(n -> new Column(n, ColumnType.STRING)).toList();
        return ResultStream.of(cols, rows);
    }

    static Map<Long, Object[]> bySource(ResultStream out) {
        Map<Long, Object[]> m = new HashMap<>();
        int si = out.columns().size() - 1;
        out.forEachRow(r -> m.put((Long) r[si], r));
        return m;
    }

    static final int KEY = 10;
    static final int PARENT_KEY = 11;
    static final int PATH = 12;
    static final int ROOT = 13;
    static final int LEAF = 14;
    static final int BRANCH = 15;
    static final int DEPTH = 16;

    @Test
    void linksAsMsticpyWithHostsAndPidReuse() {
        ProcessTree tree = ProcessTree.build(input(events()));
        assertEquals("windows-4688", tree.schema().name(), "inferred from the columns");
        ResultStream out = tree.toResultStream();
        assertEquals(List.of("proc_key", "parent_key", "path", "IsRoot", "IsLeaf", "IsBranch", "depth", "source_index"),
                out.columns().subList(10, 18).stream().map(Column::name).toList());
        List<Object[]> rows = out.toList();
        assertEquals(List.of(12L, 0L, 1L, 2L, 4L, 5L, 6L, 10L, 13L, 7L, 14L, 3L, 15L, 11L),
                rows.stream().map(r -> r[17]).toList(), "depth first, tree by tree, children in time order");
        Map<Long, Object[]> m = bySource(ResultStream.of(out.columns(), rows));
        assertEquals("c:\\windows\\system32\\conhost.exe|0x104|2024-05-01 10:00:02.000000", m.get(2L)[KEY]);
        assertEquals("c:\\windows\\system32\\cmd.exe|0x100|2024-05-01 10:00:01.000000", m.get(2L)[PARENT_KEY]);
        assertEquals("12/0/1/2", m.get(2L)[PATH]);
        assertEquals(3L, m.get(2L)[DEPTH]);
        // whoami's parent is A's cmd.exe, not B's (later, other host)
        assertEquals("12/0/1/4", m.get(4L)[PATH]);
        // after PID reuse the child links to notepad, the process holding 0x100 at the time
        assertEquals("c:\\windows\\system32\\notepad.exe|0x100|2024-05-01 10:00:05.000000", m.get(6L)[PARENT_KEY]);
        assertEquals("12/0/5/10", m.get(10L)[PATH], "parent names compare case-insensitively");
        // a parent whose name does not match gets a synthetic parent of its own
        assertEquals("c:\\windows\\system32\\svchost.exe|0x100|1970-01-01 00:00:00.000000", m.get(7L)[PARENT_KEY]);
        assertEquals("13/7", m.get(7L)[PATH]);
        // the synthetic root: input columns from the child, epoch key, flags
        Object[] s1 = m.get(12L);
        assertEquals("A", s1[1]);
        assertEquals("0x1f0", s1[3]);
        assertEquals(SYS + "wininit.exe", s1[4]);
        assertNull(s1[0]);
        assertNull(s1[PARENT_KEY]);
        assertEquals(true, s1[ROOT]);
        assertEquals(false, s1[LEAF]);
        assertEquals(0L, s1[DEPTH]);
        assertEquals("c:\\windows\\system32\\wininit.exe|0x1f0|1970-01-01 00:00:00.000000", s1[KEY]);
        // the same synthetic key on host B is made unique with the host
        assertEquals("c:\\windows\\system32\\wininit.exe|0x1f0|1970-01-01 00:00:00.000000|B", m.get(15L)[KEY]);
        assertEquals(m.get(15L)[KEY], m.get(11L)[PARENT_KEY]);
        assertEquals("14/3", m.get(3L)[PATH]);
        // flags
        assertEquals(true, m.get(0L)[BRANCH]);
        assertEquals(false, m.get(0L)[ROOT]);
        assertEquals(true, m.get(6L)[LEAF]);
        assertFalse(m.containsKey(8L), "not a process creation event");
        assertFalse(m.containsKey(9L), "duplicate event dropped");
        assertEquals(new TreeSummary(14, 4, 7, 3, 0, 4, 4), tree.summary());
    }

    @Test
    void rebuildingATreeTableReplacesItsColumns() {
        ResultStream first = ProcessTree.build(input(events())).toResultStream();
        List<Column> cols = first.columns();
        List<Object[]> rows = first.toList().stream().filter(r -> !(Boolean) r[ROOT] || r[0] != null).toList();
        ResultStream again = ProcessTree.build(ResultStream.of(cols, rows), ProcSchema.WINDOWS_4688).toResultStream();
        assertEquals(18, again.columns().size(), "no duplicated proc_key, path, ... columns");
        assertEquals(14, again.toList().size());
    }

    @Test
    void treeQueries() {
        ProcessTree tree = ProcessTree.build(input(events()), ProcSchema.WINDOWS_4688);
        ProcessNode cmd = tree.bySourceIndex(1).orElseThrow();
        assertEquals(List.of(2, 4), tree.children(cmd).stream().map(ProcessNode::sourceIndex).toList());
        assertEquals(List.of(12, 0), tree.ancestors(cmd).stream().map(ProcessNode::sourceIndex).toList());
        ProcessNode services = tree.bySourceIndex(0).orElseThrow();
        assertEquals(List.of(1, 2, 4, 5, 6, 10), tree.descendants(services).stream().map(ProcessNode::sourceIndex).toList());
        assertEquals(List.of(1, 5), tree.descendants(services, 1).stream().map(ProcessNode::sourceIndex).toList());
        assertEquals(List.of(5), tree.siblings(cmd).stream().map(ProcessNode::sourceIndex).toList());
        assertEquals(12, tree.root(cmd).sourceIndex());
        assertTrue(tree.root(cmd).isSynthetic());
        assertEquals(List.of(12, 13, 14, 15), tree.roots().stream().map(ProcessNode::sourceIndex).toList());
        assertEquals(cmd, tree.byKey("c:\\windows\\system32\\cmd.exe|0x100|2024-05-01 10:00:01.000000").orElseThrow());
        assertEquals(services, cmd.parent().orElseThrow());
        assertEquals("A", cmd.host());
        assertEquals("cmd.exe /c x", cmd.value("CommandLine"));
        assertEquals(SYS + "cmd.exe", cmd.processName());
        assertEquals(8, tree.tree(cmd).size());
        assertEquals(3, tree.toResultStream(tree.children(services)).toList().size() + 1);
    }

    @Test
    void textRendering() {
        ProcessTree tree = ProcessTree.build(input(events()));
        ProcessNode svchost = tree.roots().get(1);
        String expected = "+  Process: C:\\Windows\\System32\\svchost.exe  PID: 0x100\n"
                + "   Time: \n"
                + "   Cmdline: \n"
                + "   Account:   LogonId: \n"
                + "   +--  Process: C:\\Temp\\evil.exe  PID: 0x110\n"
                + "        Time: 2024-05-01T10:00:07Z\n"
                + "        Cmdline: evil.exe -x\n"
                + "        Account: bob  LogonId: 0x3e7\n";
        assertEquals(expected, tree.toText(svchost, 80));
        String wrapped = tree.toText(svchost, 30);
        assertTrue(wrapped.lines().allMatch(l -> l.length() <= 30), wrapped);
        assertTrue(wrapped.startsWith("+  Process: C:\\Windows\\System3\n   2\\svchost.exe PID: 0x100\n"), wrapped);
        StringBuilder all = new StringBuilder();
        tree.appendText(all, 0);
        assertEquals(tree.toText(0), all.toString());
        assertEquals(14 * 4, all.toString().lines().count());
    }
}
