package dev.rebound.spi;

import dev.rebound.Message;

/**
 * A named destination for messages, such as an error channel. Implementations must be thread-safe.
 * {@link #send(Message)} runs in the caller's thread and transaction context; it throws when the message
 * could not be accepted, so that the caller never believes a message was kept when it was not.
 */
public interface MessageChannel {

    /** The channel's name, unique in the application. */
    String name();

    /**
     * Accepts a message.
     *
     * @throws RuntimeException if the message was not accepted; nothing is kept in that case
     */
    void send(Message message);
}
