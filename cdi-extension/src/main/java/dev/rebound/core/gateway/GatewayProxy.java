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

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        GatewayMethod target = methods.get(method);
        if (target != null) {
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
