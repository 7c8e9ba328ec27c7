package dev.rebound;

import java.util.Objects;

/**
 * A payload with its headers. Immutable; the payload is the application's object as sent.
 *
 * @param payload the command, event, query or error message
 * @param headers its headers
 */
public record Message(Object payload, MessageHeaders headers) {

    public Message {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(headers, "headers");
    }
}
