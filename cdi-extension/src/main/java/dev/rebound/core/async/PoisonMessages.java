package dev.rebound.core.async;

import java.util.Map;

/** Keeps messages that cannot be read (bad JSON, unknown type, missing headers) as dead letters. */
@FunctionalInterface
public interface PoisonMessages {

    /**
     * Stores the raw message with the reason; the same {@code id} is stored once.
     *
     * @param id a stable id for the raw message (derived from the broker's message id)
     * @throws RuntimeException if it could not be stored; the consumer then leaves the message on the queue
     */
    void store(java.util.UUID id, String channel, String body, Map<String, String> properties, String reason);
}
