package dev.rebound;

import java.util.Map;

/**
 * Entry point for events. {@link #publish(Object)} reaches every {@link EventHandler} without a routing key whose
 * payload parameter accepts the event's type (including its super types); {@link #publishWithRouting(String,
 * Object)} reaches the handlers registered for that routing key ({@code @EventHandler("order.placed")}) and no
 * others, as Ecotone's {@code publishWithRouting} calls the handlers subscribed to that routing key. Publishing an
 * event that nobody handles is not an error. Implementations are thread-safe.
 */
public interface EventBus {

    /** Publishes an event to all handlers of its type (those without a routing key). */
    void publish(Object event);

    /** Same as {@link #publish(Object)}, with custom metadata that travels as message headers. */
    void publish(Object event, Map<String, String> metadata);

    /**
     * Publishes an event to the handlers registered for {@code routingKey} only: handlers of the event's type that
     * have no routing key do not receive it (publish it with {@link #publish(Object)} for those).
     */
    void publishWithRouting(String routingKey, Object event);

    /** Same as {@link #publishWithRouting(String, Object)}, with custom metadata. */
    void publishWithRouting(String routingKey, Object event, Map<String, String> metadata);
}
