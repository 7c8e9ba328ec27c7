package dev.rebound.spi;

import dev.rebound.Message;
import java.util.Objects;

/**
 * A message on its way through a queue: the message, the handler it is for, and how often it was tried.
 * The attempt count travels with the message, so it survives restarts and is shared by every consumer.
 *
 * @param message the message, with its original headers and id
 * @param handler id of the handler to run, or {@code null} to route by {@code kind} and payload
 * @param kind the handler kind ({@code COMMAND}, {@code EVENT}, ...) used when {@code handler} is null
 * @param attempt 1 for the first attempt
 * @param origin the entry point the message was first sent through
 */
public record Envelope(Message message, String handler, String kind, int attempt, String origin) {

    public Envelope {
        Objects.requireNonNull(message, "message");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more: " + attempt);
        }
    }

    /** The same message for its next attempt. */
    public Envelope nextAttempt() {
        return new Envelope(message, handler, kind, attempt + 1, origin);
    }
}
