package dev.hunt4j.analysis.proctree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowStoreTest {
    private static final boolean[] FIRST_TWO = {true, true, false};

    @Test
    void packedValuesReadBackEqualAndTheOthersUnchanged() {
        RowStore store = new RowStore(3, 4);
        String shared = "CONTOSO\\bob";
        Long number = 42L;
        List<Object[]> rows = List.of(
                new Object[] {"2024-05-01 10:00:00", "", shared},
                new Object[] {"caf\u00e9 \u20ac", null, number},
                new Object[] {"\ud83d\ude00 emoji", "lone \ud800 surrogate", null},
                new Object[] {"short row"});
        store.append(store.pack(rows, FIRST_TWO));
        assertArrayEquals(new Object[] {"2024-05-01 10:00:00", "", shared}, store.row(0));
        assertSame(shared, store.get(0, 2), "a column that is not packed keeps its very value");
        assertEquals("", store.get(0, 1), "an empty string is packed as empty, not as null");
        assertArrayEquals(new Object[] {"caf\u00e9 \u20ac", null, number}, store.row(1), "non-ASCII text is kept as it is");
        assertSame(number, store.get(1, 2));
        assertArrayEquals(new Object[] {"\ud83d\ude00 emoji", "lone \ud800 surrogate", null}, store.row(2));
        assertArrayEquals(new Object[] {"short row", null, null}, store.row(3), "a short row reads as nulls past its end");
    }

    @Test
    void rowsAcrossBlocksAddedRowsAndReplacedValues() {
        RowStore store = new RowStore(3, 2);
        List<Object[]> all = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<Object[]> block = new ArrayList<>();
            for (int j = 0; j < (b < 2 ? 2 : 1); j++) {
                int r = all.size();
                Object[] row = {"t" + r, "cmd " + r + " --x", "host" + (r % 2)};
                block.add(row.clone());
                all.add(row);
            }
            store.append(store.pack(block, FIRST_TWO));
        }
        for (int r = 0; r < all.size(); r++) {
            assertArrayEquals(all.get(r), store.row(r), "row " + r);
        }
        int added = store.add(new Object[] {"t0", "parent", "host0"});
        assertEquals("parent", store.get(added, 1));
        store.set(3, 1, "replaced");
        store.set(added, 2, "hostX");
        assertEquals("replaced", store.get(3, 1), "a packed cell can be replaced");
        assertEquals("t3", store.get(3, 0), "its neighbours are untouched");
        assertEquals("hostX", store.get(added, 2));
        Object[] into = new Object[3];
        store.read(4, into);
        assertArrayEquals(all.get(4), into);
        assertThrows(IndexOutOfBoundsException.class, () -> store.get(5, 0));
    }

    @Test
    void onlyTheLastBlockMayBeShort() {
        RowStore store = new RowStore(1, 2);
        store.append(store.pack(List.<Object[]>of(new Object[] {"a"}), new boolean[] {true}));
        assertThrows(IllegalStateException.class,
                () -> store.append(store.pack(List.<Object[]>of(new Object[] {"b"}), new boolean[] {true})));
    }

    /** A tree over several thousand events (several packed blocks): every output row carries its input row's values. */
    @Test
    void aLargeTreeWritesTheInputValuesBack() {
        Random rnd = new Random(7);
        List<Object[]> in = new ArrayList<>();
        String[] odd = {"caf\u00e9.exe", "\u0442\u0435\u0441\u0442", "\ud83d\ude00", "a,b \"quoted\"", ""};
        for (int i = 0; i < 5000; i++) {
            String host = "H" + rnd.nextInt(7);
            String pid = "0x" + Integer.toHexString(100 + rnd.nextInt(400));
            String ppid = "0x" + Integer.toHexString(100 + rnd.nextInt(400));
            String cmd = rnd.nextInt(20) == 0 ? odd[rnd.nextInt(odd.length)] + " " + i : "cmd.exe /c job" + i;
            in.add(new Object[] {String.format("2024-05-01T10:%02d:%02d.%03dZ", i / 3600 % 60, i / 60 % 60, i % 1000), host,
                    "4688", pid, WindowsTreeTest.SYS + "cmd.exe", ppid, WindowsTreeTest.SYS + "cmd.exe", cmd,
                    rnd.nextInt(50) == 0 ? null : "user" + rnd.nextInt(3), "0x" + Integer.toHexString(i)});
        }
        ProcessTree tree = ProcessTree.build(WindowsTreeTest.input(new ArrayList<>(in)));
        Map<Long, Object[]> out = WindowsTreeTest.bySource(tree.toResultStream());
        for (int i = 0; i < in.size(); i++) {
            Object[] row = out.get((long) i);
            for (int c = 0; c < 10; c++) {
                assertEquals(in.get(i)[c], row[c], "input row " + i + ", column " + c);
            }
        }
        assertEquals(in.size(), out.keySet().stream().filter(k -> k < in.size()).count());
    }

    /** Defender rows past the first packed blocks: added parents take their columns from the children's packed values. */
    @Test
    void aLargeDefenderTreeFillsAddedParentsFromPackedValues() {
        List<Object[]> in = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String t = String.format("2024-05-01T10:%02d:%02d.%03dZ", i / 3600 % 60, i / 60 % 60, i % 1000);
            String pt = String.format("2024-05-01T09:%02d:%02d.%03dZ", i / 3600 % 60, i / 60 % 60, i % 1000);
            in.add(OtherSchemasTest.mde(t, "child" + i + ".exe", String.valueOf(10_000 + i), "parent" + i + ".exe",
                    String.valueOf(20_000 + i), pt, "grand.exe", "4", "2024-05-01T08:00:00Z"));
        }
        ProcessTree tree = ProcessTree.build(OtherSchemasTest.table(OtherSchemasTest.MDE, in.toArray(Object[][]::new)), null);
        for (int i = 0; i < in.size(); i += 97) {
            ProcessNode child = tree.bySourceIndex(i).orElseThrow();
            for (int c = 0; c < OtherSchemasTest.MDE.size(); c++) {
                assertEquals(in.get(i)[c], child.value(OtherSchemasTest.MDE.get(c)), "row " + i + ", " + OtherSchemasTest.MDE.get(c));
            }
            ProcessNode parent = child.parent().orElseThrow();
            assertEquals("parent" + i + ".exe -p", parent.value("ProcessCommandLine"), "row " + i);
            assertEquals(in.get(i)[9], parent.value("ProcessCreationTime"), "row " + i);
        }
    }

    /** Sysmon rows past the first packed blocks: an added parent carries the GUID its children name. */
    @Test
    void aLargeSysmonTreeGivesAddedParentsTheirGuid() {
        List<String> cols = List.of("UtcTime", "Computer", "EventID", "Image", "ProcessId", "ProcessGuid", "ParentImage",
                "ParentProcessId", "ParentProcessGuid", "CommandLine", "User", "LogonId");
        List<Object[]> in = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // chains of five: the first of each names a parent GUID that is not in the data
            String parentGuid = i % 5 == 0 ? "{MISSING-" + i + "}" : "{G-" + (i - 1) + "}";
            in.add(new Object[] {String.format("2024-05-01 10:%02d:%02d.%03d", i / 3600 % 60, i / 60 % 60, i % 1000), "w1", "1",
                "C:\\p" + i + ".exe", String.valueOf(100 + i), "{G-" + i + "}", "C:\\q.exe", "7", parentGuid, "cmd " + i, "u", "0x" + i});
        }
        ProcessTree tree = ProcessTree.build(OtherSchemasTest.table(cols, in.toArray(Object[][]::new)), null);
        assertEquals(3600, tree.size(), "one added parent per chain");
        for (int i = 0; i < in.size(); i += 5) {
            ProcessNode first = tree.bySourceIndex(i).orElseThrow();
            assertEquals(in.get(i)[5], first.value("ProcessGuid"));
            assertEquals("{MISSING-" + i + "}", first.parent().orElseThrow().value("ProcessGuid"), "row " + i);
            assertEquals(in.get(i + 4)[9], tree.bySourceIndex(i + 4).orElseThrow().value("CommandLine"));
        }
    }
}
