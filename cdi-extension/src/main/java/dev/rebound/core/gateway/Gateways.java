package dev.rebound.core.gateway;

import dev.rebound.BusinessMethod;
import dev.rebound.CommandBus;
import dev.rebound.EventBus;
import dev.rebound.QueryBus;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.EntryPointPolicy;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.MessageContext;
import dev.rebound.core.Pipeline;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Creates gateway implementations: a JDK proxy per interface, every method prepared up front. */
public final class Gateways {

    private final BiFunction<Method, EntryPointPolicy, Pipeline> pipelines;
    private final HandlerRegistry registry;
    private final MessageContext context;

    /** @param pipelines builds the pipeline of a gateway method with a policy (at deployment) */
    public Gateways(Function<EntryPointPolicy, Pipeline> pipelines, HandlerRegistry registry, MessageContext context) {
        this((method, policy) -> pipelines.apply(policy), registry, context);
    }

    /** @param pipelines builds the pipeline of a gateway method with its policy (at deployment) */
    public Gateways(BiFunction<Method, EntryPointPolicy, Pipeline> pipelines, HandlerRegistry registry,
                    MessageContext context) {
        this.pipelines = pipelines;
        this.registry = registry;
        this.context = context;
    }

    /**
     * Creates the implementation of a gateway interface.
     *
     * @param policies the failure handling of each method (annotations and configuration merged)
     * @throws IllegalArgumentException with a deployment message if a method cannot be a gateway method
     */
    public <T> T create(Class<T> gateway, Function<Method, EntryPointPolicy> policies) {
        Map<Method, GatewayMethod> methods = new HashMap<>();
        for (Method method : gateway.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            HandlerKind kind = kindOf(method);
            ArgumentLayout layout = method.isAnnotationPresent(BusinessMethod.class)
                    ? ArgumentLayout.ofBusinessMethod(method) : ArgumentLayout.ofBusMethod(method);
            String origin = gateway.getName() + "#" + method.getName();
            methods.put(method, new GatewayMethod(layout, kind, pipelines.apply(method, policies.apply(method)), context,
                    origin));
        }
        return gateway.cast(Proxy.newProxyInstance(gateway.getClassLoader(), new Class<?>[] {gateway},
                new GatewayProxy(gateway, methods)));
    }

    private HandlerKind kindOf(Method method) {
        Class<?> declaring = method.getDeclaringClass();
        if (declaring == CommandBus.class) {
            return HandlerKind.COMMAND;
        }
        if (declaring == EventBus.class) {
            return HandlerKind.EVENT;
        }
        if (declaring == QueryBus.class) {
            return HandlerKind.QUERY;
        }
        BusinessMethod business = method.getAnnotation(BusinessMethod.class);
        if (business == null) {
            throw new IllegalArgumentException(Diagnostics.notBusinessMethod(declaring.getName() + "#"
                    + method.getName()));
        }
        for (HandlerKind kind : new HandlerKind[] {HandlerKind.COMMAND, HandlerKind.QUERY, HandlerKind.EVENT}) {
            if (registry.routingKeys(kind).contains(business.value())) {
                return kind;
            }
        }
        return method.getReturnType() == void.class ? HandlerKind.COMMAND : HandlerKind.QUERY;
    }
}
