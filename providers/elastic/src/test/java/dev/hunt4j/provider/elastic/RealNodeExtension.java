package dev.hunt4j.provider.elastic;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a real node: annotate it {@code @OnNode(Kind.ELASTICSEARCH)} and take a {@link RealNode} parameter
 * (in {@code @BeforeAll}, a constructor or a test method). The node starts on first use, is shared by every class in the
 * run, and stops when the run ends. A kind not selected with {@code -Dhunt4j.nodes} disables the class.
 */
final class RealNodeExtension implements ExecutionCondition, ParameterResolver {

    /** Which server a test class runs against. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    @ExtendWith(RealNodeExtension.class)
    @interface OnNode {
        RealNode.Kind value();
    }

    private static RealNode.Kind kindOf(ExtensionContext context) {
        Class<?> c = context.getRequiredTestClass();
        OnNode on = c.getAnnotation(OnNode.class);
        if (on == null) {
            throw new IllegalStateException(c.getName() + " uses RealNodeExtension without @OnNode");
        }
        return on.value();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("no class");
        }
        RealNode.Kind kind = kindOf(context);
        return kind.selected() ? ConditionEvaluationResult.enabled(kind.id + " selected")
                : ConditionEvaluationResult.disabled(kind.id + " not selected (-Dhunt4j.nodes=" + System.getProperty("hunt4j.nodes") + ")");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RealNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        RealNode node = RealNode.get(kindOf(context));
        // closed with the root context: at the end of the whole run, after every class that shares the node
        context.getRoot().getStore(ExtensionContext.Namespace.create(RealNodeExtension.class))
                .getOrComputeIfAbsent("stop-all", k -> new StopAll(), StopAll.class);
        return node;
    }

    /** Stops the nodes when JUnit closes the root store. */
    private static final class StopAll implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            RealNode.stopAll();
        }
    }
}
