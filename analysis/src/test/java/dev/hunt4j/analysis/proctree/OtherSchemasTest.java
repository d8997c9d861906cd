package dev.hunt4j.analysis.proctree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtherSchemasTest {
    static ResultStream table(List<String> names, Object[]... rows) {
        return ResultStream.of(names.stream().map(n -> new Column(n, ColumnType.STRING)).toList(), Arrays.asList(rows));
    }

    /** source_index → path. */
    static Map<Long, String> paths(ProcessTree t) {
        Map<Long, String> m = new HashMap<>();
        ResultStream out = t.toResultStream();
        int w = out.columns().size();
        out.forEachRow(r -> m.put((Long) r[w - 1], (String) r[w - 6]));
        return m;
    }

    static final List<String> LINUX = List.of("TimeGenerated", "Computer", "EventType", "exe", "pid", "ppid", "cmdline", "acct", "ses", "uid");

    @Test
    void linuxPidReuseOverTime() {
        ProcessTree t = ProcessTree.build(table(LINUX,
                new Object[] {"2024-05-01 10:00:00", "h", "SYSCALL_EXECVE", "/bin/bash", "500", "1", "bash", "root", "1", "0"},
                new Object[] {"2024-05-01 10:00:01", "h", "SYSCALL_EXECVE", "/bin/ls", "501", "500", "ls", "root", "1", "0"},
                new Object[] {"2024-05-01 10:05:00", "h", "SYSCALL_EXECVE", "/usr/bin/python3", "500", "1", "python3", "root", "1", "0"},
                new Object[] {"2024-05-01 10:05:01", "h", "SYSCALL_EXECVE", "/bin/sh", "502", "500", "sh", "root", "1", "0"},
                new Object[] {"2024-05-01 10:05:02", "h", "USER_LOGIN", "/bin/login", "9", "1", "", "root", "1", "0"}), null);
        assertEquals("linux-auditd", t.schema().name());
        Map<Long, String> p = paths(t);
        // both roots' parent is pid 1, unknown name: one synthetic parent (index 5: after the 5 input rows)
        assertEquals("5/0/1", p.get(1L));
        assertEquals("5/2/3", p.get(3L), "the later child of pid 500 belongs to python3");
        assertEquals(5, t.size());
        assertEquals("unknown|1|1970-01-01 00:00:00.000000", t.roots().get(0).procKey());
    }

    @Test
    void sameInstantParentLoggedAfterChild() {
        // osquery snapshot: every row has the snapshot's time; a child may come before its parent
        List<String> cols = List.of("calendarTime", "hostIdentifier", "name", "pid", "parent", "cmdline", "username", "uid", "action");
        String t = "Thu Mar 16 03:08:58 2023 UTC";
        ProcessTree tree = ProcessTree.build(table(cols,
                new Object[] {t, "vm", "sshd", "900", "800", "", "root", "0", "added"},
                new Object[] {t, "vm", "bash", "901", "900", "", "root", "0", "added"},
                new Object[] {t, "vm", "sshd", "800", "1", "", "root", "0", "added"},
                new Object[] {t, "vm", "kworker", "77", "2", "", "root", "0", "removed"},
                new Object[] {t, "vm", "init", "1", "0", "", "root", "0", "added"}), null);
        assertEquals("osquery", tree.schema().name());
        Map<Long, String> p = paths(tree);
        assertEquals("5/4/2/0/1", p.get(1L));
        assertEquals(5, tree.size(), "the removed row is skipped; pid 0 is a synthetic root");
    }

    static final List<String> MDE = List.of("Timestamp", "DeviceName", "ActionType", "FileName", "ProcessId", "ProcessCreationTime",
            "ProcessCommandLine", "InitiatingProcessFileName", "InitiatingProcessId", "InitiatingProcessCreationTime",
            "InitiatingProcessCommandLine", "InitiatingProcessParentFileName", "InitiatingProcessParentId",
            "InitiatingProcessParentCreationTime", "AccountName", "InitiatingProcessAccountName");

    static Object[] mde(String t, String name, String pid, String pname, String ppid, String pt, String gname, String gpid, String gt) {
        return new Object[] {t, "dev1", "ProcessCreated", name, pid, t, name + " -c", pname, ppid, pt, pname + " -p", gname, gpid, gt, "alice", "svc"};
    }

    @Test
    void defenderLinksByCreationTimeAndAddsMissingParentsAndGrandparents() {
        ProcessTree t = ProcessTree.build(table(MDE,
                // powershell started by explorer (not in the data), whose parent userinit is not either
                mde("2024-05-01T10:00:00.1234567Z", "powershell.exe", "400", "explorer.exe", "300", "2024-05-01T09:00:00.5Z",
                        "C:\\Windows\\System32\\userinit.exe", "200", "2024-05-01T08:59:59Z"),
                // a second child of the same explorer: same synthetic parent
                mde("2024-05-01T10:00:02Z", "notepad.exe", "404", "explorer.exe", "300", "2024-05-01T09:00:00.5Z",
                        "C:\\Windows\\System32\\userinit.exe", "200", "2024-05-01T08:59:59Z"),
                // child of the powershell above, identified by its creation time
                mde("2024-05-01T10:00:05Z", "whoami.exe", "408", "powershell.exe", "400", "2024-05-01T10:00:00.1234567Z",
                        "explorer.exe", "300", "2024-05-01T09:00:00.5Z"),
                // same pid and name but another creation time: a different, missing powershell
                mde("2024-05-01T10:00:06Z", "net.exe", "412", "powershell.exe", "400", "2024-05-01T07:00:00Z",
                        "explorer.exe", "300", "2024-05-01T06:00:00Z")), null);
        assertEquals("mde", t.schema().name());
        assertEquals(new TreeSummary(8, 2, 3, 3, 0, 4, 4), t.summary());
        ProcessNode whoami = t.bySourceIndex(2).orElseThrow();
        assertEquals("powershell.exe|400|2024-05-01 10:00:00.123460", whoami.parentKey());
        List<ProcessNode> chain = t.ancestors(whoami);
        assertEquals(List.of("userinit.exe", "explorer.exe", "powershell.exe"), chain.stream().map(ProcessNode::processName).toList());
        ProcessNode explorer = chain.get(1);
        assertTrue(explorer.isSynthetic());
        assertEquals("explorer.exe -p", explorer.value("ProcessCommandLine"), "parent columns filled from the InitiatingProcess* columns");
        assertEquals("svc", explorer.value("AccountName"));
        assertEquals("2024-05-01T09:00:00.5Z", explorer.value("ProcessCreationTime"));
        ProcessNode net = t.bySourceIndex(3).orElseThrow();
        assertEquals("powershell.exe|400|2024-05-01 07:00:00.000000", net.parentKey());
        assertTrue(net.parent().orElseThrow().isSynthetic());
    }

    @Test
    void sysmonLinksByGuid() {
        List<String> cols = List.of("UtcTime", "Computer", "EventID", "Image", "ProcessId", "ProcessGuid", "ParentImage",
                "ParentProcessId", "ParentProcessGuid", "CommandLine", "User", "LogonId");
        ProcessTree t = ProcessTree.build(table(cols,
                new Object[] {"2024-05-01 10:00:00.000", "w1", "1", "C:\\a.exe", "10", "{G1}", "C:\\p.exe", "5", "{G0}", "a", "u", "0x1"},
                // same pid and parent pid, but the GUID says which instance
                new Object[] {"2024-05-01 10:00:01.000", "w1", "1", "C:\\a.exe", "10", "{G2}", "C:\\p.exe", "5", "{G0}", "a", "u", "0x1"},
                new Object[] {"2024-05-01 10:00:02.000", "w1", "1", "C:\\b.exe", "11", "{G3}", "C:\\a.exe", "10", "{g1}", "b", "u", "0x1"},
                new Object[] {"2024-05-01 10:00:03.000", "w1", "3", "C:\\net.exe", "12", "{G4}", "C:\\a.exe", "10", "{G1}", "", "u", "0x1"}), null);
        assertEquals("sysmon", t.schema().name());
        Map<Long, String> p = paths(t);
        assertEquals("4/0/2", p.get(2L), "linked to the first a.exe by GUID (case-insensitive), not the latest pid 10");
        assertEquals(4, t.size());
    }

    @Test
    void missingColumnNamesColumnFieldAndSchema() {
        List<String> cols = new ArrayList<>(WindowsTreeTest.NAMES);
        cols.remove("ProcessId");
        QueryException e = assertThrows(QueryException.class, () -> ProcessTree.build(table(cols,
                new Object[] {"2024-05-01T10:00:00Z", "A", "4688", "0x1", "x", "y", "c", "u", "0x3"}), ProcSchema.WINDOWS_4688));
        assertTrue(e.getMessage().contains("ProcessId (parent_id)") && e.getMessage().contains("windows-4688"), e.getMessage());
        QueryException none = assertThrows(QueryException.class, () -> ProcessTree.build(table(List.of("a", "b"), new Object[] {"1", "2"})));
        assertTrue(none.getMessage().contains("no process schema matches"), none.getMessage());
        QueryException badTime = assertThrows(QueryException.class, () -> ProcessTree.build(table(WindowsTreeTest.NAMES,
                new Object[] {"not a time", "A", "4688", "0x1", "x", "0x2", "y", "c", "u", "0x3"})));
        assertTrue(badTime.getMessage().contains("row 1") && badTime.getMessage().contains("TimeGenerated"), badTime.getMessage());
    }

    @Test
    void customSchemaFromMapAndYaml() {
        List<String> cols = List.of("CreateTime", "PID", "PPID", "ImageFileName");
        Object[][] rows = {
            {"2021-04-01 05:04:58.000000 ", "4", "0", "System"},
            {"2021-04-01 05:04:58.000000 ", "404", "4", "smss.exe"},
            {"2021-04-01 05:05:00.000000 ", "556", "548", "csrss.exe"}};
        ProcSchema s = ProcSchema.fromMap(Map.of("process_name", "ImageFileName", "process_id", "PID", "parent_id", "PPID", "time_stamp", "CreateTime"));
        ProcessTree t = ProcessTree.build(table(cols, rows), s);
        assertEquals(new TreeSummary(5, 2, 2, 1, 0, 3, 2), t.summary());
        ProcSchema y = ProcSchema.fromYaml(new StringReader("process_name: ImageFileName\nprocess_id: PID\nparent_id: PPID\ntime_stamp: CreateTime\n"));
        assertEquals(t.summary(), ProcessTree.build(table(cols, rows), y).summary());
        ProcSchema based = ProcSchema.fromMap(Map.of("schema", "linux-auditd", "process_name", "ImageFileName", "process_id", "PID",
                "parent_id", "PPID", "time_stamp", "CreateTime"));
        assertEquals("/", based.pathSeparator());
        assertThrows(IllegalArgumentException.class, () -> ProcSchema.fromMap(Map.of("proces_name", "x")));
        assertThrows(IllegalArgumentException.class, () -> ProcSchema.named("solaris"));
    }

    @Test
    void analyzerFactoryResults() {
        ProcessTreeAnalyzerFactory f = new ProcessTreeAnalyzerFactory();
        assertEquals("proctree", f.name());
        Analyzer summary = f.create(Map.of("result", "summary"));
        Object[] row = summary.analyze(WindowsTreeTest.input(WindowsTreeTest.events())).toList().get(0);
        assertEquals(14L, row[0]);
        assertEquals(4L, row[5]);
        Analyzer renamed = f.create(Map.of("schema", "windows-4688", "parent_id", "ParentPid"));
        QueryException e = assertThrows(QueryException.class, () -> renamed.analyze(WindowsTreeTest.input(WindowsTreeTest.events())));
        assertTrue(e.getMessage().contains("ParentPid (parent_id)"), e.getMessage());
        List<Object[]> text = f.create(Map.of("result", "text", "wrap", "0")).analyze(WindowsTreeTest.input(WindowsTreeTest.events())).toList();
        assertEquals("+  Process: C:\\Windows\\System32\\wininit.exe  PID: 0x1f0", text.get(0)[0]);
        assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("result", "graph")));
        assertNull(ProcessTreeAnalyzerFactory.schema("auto", null));
    }
}
