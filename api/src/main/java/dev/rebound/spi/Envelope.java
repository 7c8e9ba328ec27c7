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

    /**
     * The metadata entry of a message's ordering key, put there by Rebound when the message is sent to a channel
     * with {@code rebound.channel.<c>.ordering-key}: a transport that keeps per-key order reads it (the database
     * transport into its {@code ordering_key} column, JMS as {@code JMSXGroupID}). It travels with the message
     * through retries, relays and replays.
     */
    public static final String ORDERING_KEY = "rebound-ordering-key";

    public Envelope {
        Objects.requireNonNull(message, "message");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more: " + attempt);
        }
    }

    /** The message's ordering key ({@link #ORDERING_KEY}), or {@code null} when it has none. */
    public String orderingKey() {
        return message.headers().metadata().get(ORDERING_KEY);
    }

    /** The same message for its next attempt. */
    public Envelope nextAttempt() {
        return new Envelope(message, handler, kind, attempt + 1, origin);
    }
}
