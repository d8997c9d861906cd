package dev.hunt4j.analysis.proctree;

import java.util.Arrays;

/** Index sorts by (host, time) on primitive arrays: counting sort by host, then a stable merge sort by time. */
final class Sorting {
    private Sorting() {
    }

    /** 0, 1, ..., n - 1. */
    static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** The given indices (in index order) ordered by host, then time; stable, so ties keep the given order. */
    static int[] sortByHostTime(int[] idx, int[] host, long[] time, int hosts) {
        int[] start = new int[hosts + 1];
        int[] out = groupByHost(idx, host, hosts, start);
        int[] tmp = new int[out.length];
        for (int h = 0; h < hosts; h++) {
            sortByTime(out, tmp, start[h], start[h + 1], time);
        }
        return out;
    }

    /**
     * The given indices grouped by host, keeping their order within a host; fills {@code start} (hosts + 1
     * entries) so that host h's indices are out[start[h], start[h + 1]).
     */
    static int[] groupByHost(int[] idx, int[] host, int hosts, int[] start) {
        Arrays.fill(start, 0);
        for (int i : idx) {
            start[host[i] + 1]++;
        }
        for (int h = 0; h < hosts; h++) {
            start[h + 1] += start[h];
        }
        int[] out = new int[idx.length];
        int[] pos = Arrays.copyOf(start, hosts);
        for (int i : idx) {
            out[pos[host[i]]++] = i;
        }
        return out;
    }

    /** Stable merge sort of a[from, to) by time (tmp: scratch, only [from, to) used); nearly sorted input (the usual case for logs) costs one pass per run. */
    static void sortByTime(int[] a, int[] tmp, int from, int to, long[] time) {
        if (to - from < 2) {
            return;
        }
        boolean sorted = true;
        for (int i = from + 1; i < to && sorted; i++) {
            sorted = time[a[i - 1]] <= time[a[i]];
        }
        if (sorted) {
            return;
        }
        // insertion sort for short runs, then bottom-up merges
        final int run = 32;
        for (int lo = from; lo < to; lo += run) {
            int hi = Math.min(lo + run, to);
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                long tv = time[v];
                int j = i - 1;
                while (j >= lo && time[a[j]] > tv) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        }
        int[] src = a;
        int[] dst = tmp;
        for (int width = run; width < to - from; width *= 2) {
            for (int lo = from; lo < to; lo += 2 * width) {
                int mid = Math.min(lo + width, to);
                int hi = Math.min(lo + 2 * width, to);
                if (mid >= hi || time[src[mid - 1]] <= time[src[mid]]) {
                    System.arraycopy(src, lo, dst, lo, hi - lo);
                    continue;
                }
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    dst[k++] = time[src[j]] < time[src[i]] ? src[j++] : src[i++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, from, a, from, to - from);
        }
    }

    /** Merges two lists each ordered by (host, time) into one; ties take {@code a} first. */
    static int[] mergeByHostTime(int[] a, int[] b, int[] host, long[] time) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            boolean takeB = host[y] < host[x] || host[y] == host[x] && time[y] < time[x];
            out[k++] = takeB ? b[j++] : a[i++];
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
        return out;
    }
}
