package dev.rebound;

import java.util.Map;

/**
 * Entry point for events: every {@link EventHandler} whose payload parameter accepts the event's type
 * (including its super types) receives it. Publishing an event that nobody handles is not an error.
 * Implementations are thread-safe.
 */
public interface EventBus {

    /** Publishes an event to all handlers of its type. */
    void publish(Object event);

    /** Same as {@link #publish(Object)}, with custom metadata that travels as message headers. */
    void publish(Object event, Map<String, String> metadata);

    /** Publishes an event to the handlers registered for {@code routingKey} and to those of its type. */
    void publishWithRouting(String routingKey, Object event);

    /** Same as {@link #publishWithRouting(String, Object)}, with custom metadata. */
    void publishWithRouting(String routingKey, Object event, Map<String, String> metadata);
}
