package dev.rebound.core;

/**
 * Where a message goes: the handler kind and, optionally, a routing key or channel name. Without a key
 * the payload's type decides.
 *
 * @param kind the kind of handler
 * @param key the routing key (for {@link HandlerKind#INTERNAL}: the channel name), or {@code null}
 */
public record Route(HandlerKind kind, String key) {

    public static Route byType(HandlerKind kind) {
        return new Route(kind, null);
    }

    /** Human readable description of the route for a payload, used in messages. */
    public String describe(Object payload) {
        return key != null ? "routing key '" + key + "'" : payload.getClass().getName();
    }
}
