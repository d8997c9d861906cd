package dev.hunt4j.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written guard around a plugin's result stream keeps the proxy's guarantees. */
class GuardedResultStreamTest {
    static final List<Column> COLS = List.of(new Column("n", ColumnType.LONG));
    final ClassLoader pluginLoader = new URLClassLoader(new URL[0], null);

    /** A plugin's stream: two rows, then whatever {@code failure} says; records the context loader of each call. */
    final class PluginStream implements ResultStream {
        final List<ClassLoader> seen = new ArrayList<>();
        RuntimeException failure;
        int n;
        boolean closed;

        @Override
        public List<Column> columns() {
            seen.add(Thread.currentThread().getContextClassLoader());
            return COLS;
        }

        @Override
        public Object[] next() {
            seen.add(Thread.currentThread().getContextClassLoader());
            if (n == 2 && failure != null) {
                throw failure;
            }
            return n < 2 ? new Object[] {(long) n++} : null;
        }

        @Override
        public void close() {
            seen.add(Thread.currentThread().getContextClassLoader());
            closed = true;
        }

        @Override
        public List<String> warnings() {
            seen.add(Thread.currentThread().getContextClassLoader());
            return List.of("time chunk 2 of 3 (a..b) failed: boom");
        }
    }

    ResultStream guard(ResultStream s) {
        return PluginGuard.wrap(ResultStream.class, s, pluginLoader, "acme");
    }

    @Test
    void aPluginBugInNextBecomesAHunt4jExceptionNamingThePluginAndTheCall() {
        PluginStream plugin = new PluginStream();
        plugin.failure = new NullPointerException("text is null");
        ResultStream rs = guard(plugin);
        assertInstanceOf(GuardedResultStream.class, rs, "no reflective proxy for result streams");
        rs.next();
        rs.next();
        Hunt4jException e = assertThrows(Hunt4jException.class, rs::next);
        assertEquals("plugin acme failed in ResultStream.next: text is null", e.getMessage());
        assertSame(plugin.failure, e.getCause());
    }

    @Test
    void theApisOwnExceptionsPassUnchanged() {
        PluginStream plugin = new PluginStream();
        plugin.failure = new QueryException("the response ended early");
        ResultStream rs = guard(plugin);
        assertSame(plugin.failure, assertThrows(QueryException.class, rs::toList), "also through a default method");
    }

    @Test
    void everyCallRunsWithThePluginsContextLoaderAndRestoresTheCallers() {
        PluginStream plugin = new PluginStream();
        ResultStream rs = guard(plugin);
        ClassLoader mine = Thread.currentThread().getContextClassLoader();
        assertEquals(COLS, rs.columns());
        assertArrayEquals(new Object[] {0L}, rs.next());
        assertEquals(List.of("time chunk 2 of 3 (a..b) failed: boom"), rs.warnings(), "warnings are forwarded");
        List<Object[]> rest = new ArrayList<>();
        rs.forEachRow(rest::add);
        assertEquals(1, rest.size());
        assertTrue(plugin.closed, "forEachRow closed the plugin's stream");
        assertSame(mine, Thread.currentThread().getContextClassLoader());
        assertTrue(plugin.seen.stream().allMatch(l -> l == pluginLoader), plugin.seen.toString());
        assertNull(rs.next());
    }

    @Test
    void aStreamIsGuardedOnce() {
        ResultStream rs = guard(new PluginStream());
        assertSame(rs, guard(rs));
        assertTrue(rs.toString().startsWith("guarded[acme] "), rs.toString());
    }
}
