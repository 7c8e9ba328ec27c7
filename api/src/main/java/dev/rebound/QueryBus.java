package dev.rebound;

import java.util.Map;

/**
 * Entry point for queries: exactly one {@link QueryHandler} answers each query. Implementations are
 * thread-safe.
 */
public interface QueryBus {

    /**
     * Sends a query to the handler whose payload parameter accepts its type.
     *
     * @throws NoHandlerException if no handler accepts the query's type
     */
    <R> R send(Object query);

    /** Same as {@link #send(Object)}, with custom metadata. */
    <R> R send(Object query, Map<String, String> metadata);

    /** Sends a query to the handler registered for {@code routingKey}. */
    <R> R sendWithRouting(String routingKey, Object query);
}
