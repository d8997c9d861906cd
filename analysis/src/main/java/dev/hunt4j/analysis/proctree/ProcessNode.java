package dev.hunt4j.analysis.proctree;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One process of a {@link ProcessTree}: a light view (tree + node number); equal when both are equal. */
public final class ProcessNode {
    private final ProcessTree tree;
    private final int index;

    ProcessNode(ProcessTree tree, int index) {
        this.tree = tree;
        this.index = index;
    }

    /** The tree this process belongs to. */
    public ProcessTree tree() {
        return tree;
    }

    /** The node number in the tree (0..size-1, host and time order). */
    public int index() {
        return index;
    }

    /** MSTICPy's proc_key: {@code lower(name)|pid|yyyy-MM-dd HH:mm:ss.ffffff}. */
    public String procKey() {
        return tree.procKey(index);
    }

    /** The parent's proc_key, or null for a root. */
    public String parentKey() {
        int p = tree.parentIndex(index);
        return p < 0 ? null : tree.procKey(p);
    }

    /** Source indices from the root down to this process, joined by {@code /}. */
    public String path() {
        return tree.path(index);
    }

    /** The number of ancestors (0 for a root). */
    public int depth() {
        return tree.depthOf(index);
    }

    /** Without a parent. */
    public boolean isRoot() {
        return tree.parentIndex(index) < 0;
    }

    /** Without children. */
    public boolean isLeaf() {
        return !tree.hasChildren(index);
    }

    /** With a parent and children. */
    public boolean isBranch() {
        return !isRoot() && !isLeaf();
    }

    /** A parent added because the data had no event for it. */
    public boolean isSynthetic() {
        return tree.synthetic(index);
    }

    /** The 0-based input row (synthetic parents: numbers after the last input row). */
    public int sourceIndex() {
        return tree.sourceIndex(index);
    }

    /** The process name (image path) as in the input. */
    public String processName() {
        Object v = tree.value(index, tree.nameColumn());
        return v == null ? null : v.toString();
    }

    /** The process id as in the input. */
    public String processId() {
        Object v = tree.value(index, tree.pidColumn());
        return v == null ? null : v.toString();
    }

    /** The creation time (the epoch for synthetic parents without a known time), or null when the row has none. */
    public Instant time() {
        return tree.timeOf(index);
    }

    /** The host, or null when the schema has no host column. */
    public String host() {
        return tree.hostOf(index);
    }

    /** The value of an input column, or null. */
    public Object value(String column) {
        int c = tree.column(column);
        return c < 0 ? null : tree.value(index, c);
    }

    /** A copy of the input row (for synthetic parents: the columns known from the children). */
    public Object[] row() {
        return tree.row(index);
    }

    /** The parent, if any. */
    public Optional<ProcessNode> parent() {
        return tree.parent(this);
    }

    /** The children, in time order. */
    public List<ProcessNode> children() {
        return tree.children(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessNode p && p.tree == tree && p.index == index;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(tree) * 31 + index;
    }

    @Override
    public String toString() {
        return procKey();
    }
}
