package dev.hunt4j.runtime.plugin;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.api.render.Renderer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Wraps a plugin's object so every call (1) runs with the plugin's class loader as the thread's context
 * class loader, which ServiceLoader and Jackson module lookups inside plugins need, and (2) turns anything
 * the plugin throws other than a {@link Hunt4jException} into one that names the plugin, so a buggy plugin
 * fails one call, never the host. Objects the plugin returns through the API (providers, result streams,
 * enrichers, analyzers, renderers) are wrapped the same way. Result streams, called once per row, get the
 * hand-written {@link GuardedResultStream} instead of a reflective proxy.
 */
public final class PluginGuard {
    private static final Set<Class<?>> WRAPPED_RESULTS =
            Set.of(QueryProvider.class, ResultStream.class, Enricher.class, Analyzer.class, Renderer.class);

    private PluginGuard() {
    }

    /** A guarded view of {@code target} as {@code type}. */
    public static <T> T wrap(Class<T> type, T target, ClassLoader pluginLoader, String pluginId) {
        if (target == null || Proxy.isProxyClass(target.getClass()) || target instanceof GuardedResultStream) {
            return target;
        }
        if (type == ResultStream.class) {
            return type.cast(new GuardedResultStream((ResultStream) target, pluginLoader, pluginId));
        }
        InvocationHandler handler = new Handler(target, pluginLoader, pluginId);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private record Handler(Object target, ClassLoader loader, String pluginId) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "guarded[" + pluginId + "] " + target;
                };
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Object result = method.invoke(target, args);
                Class<?> returned = method.getReturnType();
                if (result != null && WRAPPED_RESULTS.contains(returned)) {
                    return wrapAs(returned, result);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw translate(e.getCause(), method.getDeclaringClass().getSimpleName(), method.getName(), pluginId);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        @SuppressWarnings("unchecked")
        private <T> T wrapAs(Class<T> type, Object value) {
            return wrap(type, (T) value, loader, pluginId);
        }
    }

    /**
     * What the host sees of {@code t}, thrown by the plugin in {@code type.method}: the API's exceptions, I/O errors
     * and VM errors as they are; anything else as a {@link Hunt4jException} naming the plugin and the call.
     */
    static Throwable translate(Throwable t, String type, String method, String pluginId) {
        if (t instanceof Hunt4jException || t instanceof java.io.IOException || t instanceof VirtualMachineError) {
            return t;
        }
        if (t instanceof IllegalArgumentException && method.equals("create")) {
            return t; // option validation: the message names the option
        }
        return new Hunt4jException("plugin " + pluginId + " failed in " + type + "." + method + ": "
                + Hunt4jPluginManager.rootMessage(t), t);
    }

    /** Throws {@code t} as it is (an I/O error a plugin threw past the compiler, too), so callers write {@code throw rethrow(t)}. */
    static RuntimeException rethrow(Throwable t) {
        throw PluginGuard.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
