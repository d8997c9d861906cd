package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mask caches' table: lookups by the caller's probe loop, growth, and the bound on its memory. */
class BoundedTableTest {
    private static String find(BoundedTable<String, String> t, String key) {
        int h = key.hashCode();
        for (int i = t.first(h); t.key(i) != null; i = t.next(i)) {
            if (t.hash(i) == h && t.key(i).equals(key)) {
                return t.value(i);
            }
        }
        return null;
    }

    @Test
    void growsUntilItsLimitKeepingEveryKey() {
        BoundedTable<String, String> t = new BoundedTable<>();
        int n = BoundedTable.MAX_SLOTS / 2; // the most it holds
        for (int i = 0; i < n; i++) {
            t.put("user" + i, ("user" + i).hashCode(), "mask" + i);
        }
        assertEquals(n, t.size());
        assertEquals(BoundedTable.MAX_SLOTS, t.slots());
        for (int i = 0; i < n; i++) {
            assertEquals("mask" + i, find(t, "user" + i), "user" + i);
        }
        assertNull(find(t, "user" + n));
    }

    @Test
    void isEmptiedInsteadOfGrowingPastItsLimit() {
        BoundedTable<String, String> t = new BoundedTable<>();
        for (int i = 0; i < 5 * BoundedTable.MAX_SLOTS; i++) {
            t.put("v" + i, ("v" + i).hashCode(), "m" + i);
            assertTrue(t.slots() <= BoundedTable.MAX_SLOTS && t.size() <= BoundedTable.MAX_SLOTS / 2, "bounded at " + i);
        }
        String last = "v" + (5 * BoundedTable.MAX_SLOTS - 1);
        assertEquals("m" + (5 * BoundedTable.MAX_SLOTS - 1), find(t, last), "the newest key is kept");
        assertNull(find(t, "v0"), "old keys went with the emptying");
    }

    @Test
    void keysSharingAHashAreAllFound() {
        BoundedTable<String, String> t = new BoundedTable<>();
        // "Aa" and "BB" have the same String.hashCode, so do all their concatenations
        String[] keys = {"AaAa", "AaBB", "BBAa", "BBBB"};
        for (String k : keys) {
            t.put(k, k.hashCode(), k.toLowerCase());
        }
        for (String k : keys) {
            assertEquals(k.toLowerCase(), find(t, k));
        }
    }
}
