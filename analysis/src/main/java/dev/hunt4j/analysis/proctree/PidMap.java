package dev.hunt4j.analysis.proctree;

/**
 * Open-addressing map from (pid, name id) to a node, no boxing. {@link #clear()} is O(1) by generation stamps, so one
 * map serves every host in turn.
 */
final class PidMap {
    private long[] pids;
    private int[] names;
    private int[] vals;
    private int[] gen;
    private int current = 1;
    private int size;
    private int mask;

    PidMap(int capacity) {
        int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1);
        alloc(cap);
    }

    private void alloc(int cap) {
        pids = new long[cap];
        names = new int[cap];
        vals = new int[cap];
        gen = new int[cap];
        mask = cap - 1;
        size = 0;
    }

    void clear() {
        current++;
        size = 0;
        if (current == Integer.MAX_VALUE) {
            java.util.Arrays.fill(gen, 0);
            current = 1;
        }
    }

    private static int hash(long pid, int name) {
        long h = pid * 0x9E3779B97F4A7C15L + name * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 29 ^ h >>> 43);
    }

    /** The node for (pid, name), or -1. */
    int get(long pid, int name) {
        int i = hash(pid, name) & mask;
        while (gen[i] == current) {
            if (pids[i] == pid && names[i] == name) {
                return vals[i];
            }
            i = i + 1 & mask;
        }
        return -1;
    }

    /** Sets (pid, name) to node, replacing an earlier one (the latest process with that id wins). */
    void put(long pid, int name, int node) {
        if ((size + 1) * 2 > pids.length) {
            rehash();
        }
        int i = hash(pid, name) & mask;
        while (gen[i] == current) {
            if (pids[i] == pid && names[i] == name) {
                vals[i] = node;
                return;
            }
            i = i + 1 & mask;
        }
        gen[i] = current;
        pids[i] = pid;
        names[i] = name;
        vals[i] = node;
        size++;
    }

    private void rehash() {
        long[] op = pids;
        int[] on = names;
        int[] ov = vals;
        int[] og = gen;
        int oc = current;
        alloc(op.length * 2);
        current = 1;
        for (int i = 0; i < op.length; i++) {
            if (og[i] == oc) {
                put(op[i], on[i], ov[i]);
            }
        }
    }
}
