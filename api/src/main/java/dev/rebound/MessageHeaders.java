package dev.rebound;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The headers of a {@link Message}: identity, causality, time, route and the application's own
 * metadata. Immutable and thread-safe.
 *
 * @param messageId unique id of this message, time-ordered ({@link MessageIds}); kept across retries and replays
 * @param correlationId id shared by every message of one business flow
 * @param causationId id of the message whose handling sent this one, or {@code null} for a first message
 * @param timestamp when the message was first sent
 * @param routingKey the routing key it was sent with, or {@code null} when routed by payload type
 * @param metadata custom headers (unmodifiable)
 */
public record MessageHeaders(UUID messageId, UUID correlationId, UUID causationId, Instant timestamp,
                             String routingKey, Map<String, String> metadata) {

    public static final String MESSAGE_ID = "messageId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String TIMESTAMP = "timestamp";
    public static final String ROUTING_KEY = "routingKey";

    public MessageHeaders {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(timestamp, "timestamp");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Headers of a new first message: a fresh id that is also its correlation id. */
    public static MessageHeaders first(Instant now, String routingKey, Map<String, String> metadata) {
        UUID id = MessageIds.at(now);
        return new MessageHeaders(id, id, null, now, routingKey, metadata);
    }

    /** Headers of a new message sent while handling {@code cause}: same correlation, caused by it. */
    public static MessageHeaders causedBy(MessageHeaders cause, Instant now, String routingKey,
                                          Map<String, String> metadata) {
        return new MessageHeaders(MessageIds.at(now), cause.correlationId, cause.messageId, now, routingKey,
                metadata);
    }

    /**
     * A header by name: the standard names above as text, anything else from {@link #metadata()}.
     *
     * @return the value, or {@code null} if absent
     */
    public String get(String name) {
        return switch (name) {
            case MESSAGE_ID -> messageId.toString();
            case CORRELATION_ID -> correlationId.toString();
            case CAUSATION_ID -> causationId == null ? null : causationId.toString();
            case TIMESTAMP -> timestamp.toString();
            case ROUTING_KEY -> routingKey;
            default -> metadata.get(name);
        };
    }
}
