package dev.hunt4j.analysis.mask;

import java.util.Arrays;

/**
 * The hash table behind the mask caches (of strings in {@link Masker#mask(dev.hunt4j.api.data.ResultStream)}, of
 * values' bytes in the command line's CSV masking): open addressing with linear probing and the hashes kept, which
 * starts small, doubles up to {@link #MAX_SLOTS} and is then emptied whenever it is half full. So the memory is
 * bounded whatever the input, a column of a few distinct values stays small (and in the CPU cache), and every value
 * of a column of up to {@code MAX_SLOTS / 2} distinct values is masked once; unlike a set-associative cache, values
 * that happen to share a slot never evict each other.
 *
 * <p>Lookups are the caller's loop, {@code for (int i = first(h); key(i) != null; i = next(i))}, so a key can be
 * compared with whatever the caller holds (a string, a field's bytes) without making a key object. Not thread-safe.
 */
public final class BoundedTable<K, V> {
    /** The most slots the table grows to. */
    public static final int MAX_SLOTS = 1 << 14;
    private Object[] keys = new Object[64];
    private Object[] values = new Object[64];
    private int[] hashes = new int[64];
    /** 32 - log2(table size): Fibonacci hashing keeps the top bits ("user101", "user102" differ in low bits). */
    private int shift = 32 - 6;
    private int size;

    /** The first slot to look at for {@code hash}. */
    public int first(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    /** The slot to look at after {@code slot}. */
    public int next(int slot) {
        return (slot + 1) & (keys.length - 1);
    }

    /** The key in {@code slot}; null ends a lookup (the key is not in the table). */
    @SuppressWarnings("unchecked")
    public K key(int slot) {
        return (K) keys[slot];
    }

    /** The hash stored with the key in {@code slot}. */
    public int hash(int slot) {
        return hashes[slot];
    }

    /** The value stored with the key in {@code slot}. */
    @SuppressWarnings("unchecked")
    public V value(int slot) {
        return (V) values[slot];
    }

    /** Adds {@code key} (not in the table yet) with its {@code hash} and {@code value}. */
    public void put(K key, int hash, V value) {
        if (size >= keys.length >> 1) {
            if (keys.length < MAX_SLOTS) {
                grow();
            } else {
                Arrays.fill(keys, null);
                Arrays.fill(values, null);
                size = 0;
            }
        }
        insert(key, hash, value);
    }

    /** Keys in the table. */
    int size() {
        return size;
    }

    /** Slots in the table. */
    int slots() {
        return keys.length;
    }

    private void insert(Object key, int hash, Object value) {
        int i = first(hash);
        while (keys[i] != null) {
            i = next(i);
        }
        keys[i] = key;
        values[i] = value;
        hashes[i] = hash;
        size++;
    }

    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new Object[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        shift--;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }
}
