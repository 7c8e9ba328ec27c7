package dev.rebound.dedup;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import jakarta.el.ArrayELResolver;
import jakarta.el.BeanELResolver;
import jakarta.el.CompositeELResolver;
import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.ExpressionFactory;
import jakarta.el.FunctionMapper;
import jakarta.el.ListELResolver;
import jakarta.el.MapELResolver;
import jakarta.el.PropertyNotFoundException;
import jakarta.el.ValueExpression;
import jakarta.el.VariableMapper;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key computed by a Jakarta Expression Language expression over {@code payload} and {@code headers} (a map: the
 * standard header names and the metadata). Parsed once, at deployment ({@link #parse}); each message is evaluated
 * in a small context of its own. Records' components are read like bean properties ({@code payload.orderId} calls
 * {@code orderId()}; EL 5's bean resolver only knows getters), through method handles found once per class.
 * Loaded only when an expression is used: without EL on the class path, {@link #available()} says so first.
 */
public final class ExpressionKey implements DedupKey {

    private final String text;
    private final ValueExpression expression;
    private final ELResolver resolver;

    private ExpressionKey(String text, ValueExpression expression, ELResolver resolver) {
        this.text = text;
        this.expression = expression;
        this.resolver = resolver;
    }

    /** Whether an EL implementation can be had (the API alone is not enough). */
    public static boolean available(ClassLoader loader) {
        try {
            Class.forName("jakarta.el.ExpressionFactory", false, loader);
            return factory() != null;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static ExpressionFactory factory() {
        return ExpressionFactory.newInstance();
    }

    /**
     * Parses the expression ({@code payload.orderId}, or {@code ${payload.orderId}}).
     *
     * @throws IllegalArgumentException with the parser's message when it is not an expression
     */
    public static ExpressionKey parse(String text) {
        String source = text.strip();
        if (!source.startsWith("${") && !source.startsWith("#{")) {
            source = "${" + source + "}";
        }
        ExpressionFactory factory = factory();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new RootResolver());
        resolver.add(new RecordResolver());
        resolver.add(new MapELResolver(true));
        resolver.add(new ListELResolver(true));
        resolver.add(new ArrayELResolver(true));
        resolver.add(new BeanELResolver(true));
        try {
            ValueExpression expression = factory.createValueExpression(new Context(resolver, null), source,
                    Object.class);
            return new ExpressionKey(text, expression, resolver);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public String of(Message message) {
        Object value;
        try {
            value = expression.getValue(new Context(resolver, message));
        } catch (RuntimeException e) {
            throw new KeyFailure(text, e);
        }
        return value == null ? null : value.toString();
    }

    @Override
    public String describe() {
        return "expression " + text;
    }

    /** The expression failed on a message (a property that is not there, a method that threw). */
    public static final class KeyFailure extends RuntimeException {
        KeyFailure(String expression, Throwable cause) {
            super(expression, cause);
        }
    }

    /** One evaluation: the message that {@code payload} and {@code headers} name. */
    private static final class Context extends ELContext {

        private final ELResolver resolver;

        /** The message is kept as the context's object: the implementation may wrap this context. */
        Context(ELResolver resolver, Message message) {
            this.resolver = resolver;
            if (message != null) {
                putContext(Message.class, message);
            }
        }

        @Override
        public ELResolver getELResolver() {
            return resolver;
        }

        @Override
        public FunctionMapper getFunctionMapper() {
            return null;
        }

        @Override
        public VariableMapper getVariableMapper() {
            return null;
        }
    }

    /** A resolver that only reads: an expression computes a key, it never assigns. */
    private abstract static class ReadOnlyResolver extends ELResolver {

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }
    }

    /** {@code payload} and {@code headers}, the only names an expression starts from. */
    private static final class RootResolver extends ReadOnlyResolver {

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null || !(context.getContext(Message.class) instanceof Message message)) {
                return null;
            }
            if ("payload".equals(property)) {
                context.setPropertyResolved(true);
                return message.payload();
            }
            if ("headers".equals(property)) {
                context.setPropertyResolved(true);
                return new Headers(message.headers());
            }
            throw new PropertyNotFoundException("'" + property + "' (an expression starts from payload or headers)");
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return base == null ? String.class : null;
        }
    }

    /** A record's components by name, each accessor's handle found once per class. */
    private static final class RecordResolver extends ReadOnlyResolver {

        private final Map<Class<?>, Map<String, MethodHandle>> accessors = new ConcurrentHashMap<>();

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base == null || !base.getClass().isRecord() || !(property instanceof String name)) {
                return null;
            }
            MethodHandle accessor = accessors.computeIfAbsent(base.getClass(), RecordResolver::components).get(name);
            if (accessor == null) {
                return null; // a method of the record, or a bean property: the bean resolver's
            }
            context.setPropertyResolved(true);
            try {
                return accessor.invoke(base);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        private static Map<String, MethodHandle> components(Class<?> type) {
            Map<String, MethodHandle> found = new ConcurrentHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    found.put(component.getName(), MethodHandles.lookup().unreflect(accessor));
                } catch (IllegalAccessException | RuntimeException e) {
                    // not accessible (a module that does not open it): left to the bean resolver
                }
            }
            return found;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }

    /** The headers as a map, read through {@link MessageHeaders#get}. */
    private static final class Headers extends AbstractMap<String, String> {

        private final MessageHeaders headers;

        Headers(MessageHeaders headers) {
            this.headers = headers;
        }

        @Override
        public String get(Object key) {
            return key instanceof String name ? headers.get(name) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return headers.metadata().entrySet();
        }
    }
}
