package dev.rebound.core.gateway;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

/** The invocation handler behind a gateway interface. */
final class GatewayProxy implements InvocationHandler {

    private final Class<?> gateway;
    private final Map<Method, GatewayMethod> methods;

    GatewayProxy(Class<?> gateway, Map<Method, GatewayMethod> methods) {
        this.gateway = gateway;
        this.methods = Map.copyOf(methods);
    }

    /**
     * The method last called and its target: the proxy passes the same {@link Method} instance on every call of
     * one interface method, so a repeated call is found by identity rather than by {@link Method#equals} in the map.
     * A plain field: a thread that sees another's {@code Hit} sees it whole (final fields), or an older one.
     */
    private Hit last;

    private record Hit(Method method, GatewayMethod target) {
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Hit hit = last;
        if (hit != null && hit.method == method) {
            return hit.target.invoke(args);
        }
        GatewayMethod target = methods.get(method);
        if (target != null) {
            last = new Hit(method, target);
            return target.invoke(args);
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "Rebound gateway " + gateway.getName();
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }
}
