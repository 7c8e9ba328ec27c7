package dev.rebound.core;

import dev.rebound.Attempt;
import dev.rebound.Message;
import dev.rebound.core.async.FailurePolicy;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A handler method bound to its bean: the method handle and the argument resolvers are prepared once,
 * so that a call does no reflection lookups. Thread-safe if the bean is.
 */
public final class HandlerMethod {

    private static final MethodType INVOKER = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final String id;
    private final HandlerKind kind;
    private final String routingKey;
    private final Class<?> payloadType;
    private final Supplier<Object> target;
    private final MethodHandle invoker;
    private final ArgumentResolver[] resolvers;
    /** Whether a parameter takes the {@link Attempt}: only then is one made per call. */
    private final boolean takesAttempt;
    private final String asyncChannel;
    private final FailurePolicy failurePolicy;

    /**
     * @param id stable id of the handler ({@code Class#method} unless given)
     * @param routingKey routing key or channel, or {@code null} to route by payload type
     * @param target supplies the bean instance (a CDI contextual reference), asked on every call
     */
    public HandlerMethod(String id, HandlerKind kind, String routingKey, Method method, Supplier<Object> target,
                         ArgumentResolver[] resolvers) {
        this(id, kind, routingKey, method, target, resolvers, null, null);
    }

    /**
     * @param asyncChannel the channel an asynchronous handler consumes from, or {@code null}
     * @param failurePolicy the handler's own error channel or delayed retry (asynchronous handlers), or {@code null}
     */
    public HandlerMethod(String id, HandlerKind kind, String routingKey, Method method, Supplier<Object> target,
                         ArgumentResolver[] resolvers, String asyncChannel, FailurePolicy failurePolicy) {
        this.asyncChannel = asyncChannel;
        this.failurePolicy = failurePolicy;
        this.id = id;
        this.kind = kind;
        this.routingKey = routingKey;
        this.payloadType = method.getParameterTypes()[0];
        this.target = target;
        this.resolvers = resolvers.clone();
        this.takesAttempt = Arrays.asList(this.resolvers).contains(ArgumentResolver.ATTEMPT);
        this.invoker = invokerFor(method);
    }

    private static MethodHandle invokerFor(Method method) {
        try {
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount())
                    .asType(INVOKER);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("Cannot access handler method " + method, e);
        }
    }

    /**
     * Calls the handler with arguments taken from the message; the handler's exceptions pass unchanged.
     *
     * @param attempt the attempt at this message, 1 for the first (see {@link Attempt})
     * @param replayed whether the call replays a dead letter
     */
    public Object invoke(Message message, int attempt, boolean replayed) throws Throwable {
        Attempt current = takesAttempt ? new Attempt(attempt, replayed) : null;
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = resolvers[i].resolve(message, current);
        }
        return (Object) invoker.invokeExact(target.get(), args);
    }

    public String id() {
        return id;
    }

    public HandlerKind kind() {
        return kind;
    }

    /** The routing key or channel name, or {@code null} when routed by payload type. */
    public String routingKey() {
        return routingKey;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** The channel this handler consumes from, or {@code null} if it runs in the sender's thread. */
    public String asyncChannel() {
        return asyncChannel;
    }

    /** The handler's own failure policy, or {@code null}. */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    @Override
    public String toString() {
        return id;
    }
}
