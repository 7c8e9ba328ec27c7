package dev.rebound.spi;

import dev.rebound.Message;

/**
 * A channel backed by a queue, consumed asynchronously. {@link #enqueue} joins the caller's transaction
 * where the transport supports it (JTA/XA in a server). Implementations are thread-safe.
 */
public interface QueueChannel extends MessageChannel {

    /**
     * Puts an envelope on the queue, to be delivered no earlier than {@code delayMs} from now.
     *
     * @throws RuntimeException if the broker did not accept it; nothing was sent then
     */
    void enqueue(Envelope envelope, long delayMs);

    /** Sends a message as a first attempt, routed by payload type at the consumer. */
    @Override
    default void send(Message message) {
        enqueue(new Envelope(message, null, "COMMAND", 1, "channel " + name()), 0);
    }
}
