package dev.rebound.inmemory;

import dev.rebound.MessageHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A message as the in-memory queue keeps it: the payload as text (JSON through the application's
 * {@link dev.rebound.spi.PayloadCodec}), as a broker would carry it, so that a payload that cannot be written or
 * read back fails in tests as it would in production. The headers are immutable values and are kept as they are.
 *
 * @param id the queue's id of this message, new for every send (a re-send or a retry is a new message); the id of
 *           its dead letter if it cannot be read
 * @param body the payload as text
 * @param payloadType the name the payload's type travels under, {@code null} if the sender named none
 * @param headers the message's headers, {@code null} for a raw message sent without them
 * @param handler the handler to run, or {@code null} to route by kind and payload
 * @param kind the handler kind used when {@code handler} is null
 * @param attempt 1 for the first attempt
 * @param origin where the message was first sent
 * @param resends how often the final failure strategy {@code RESEND} sent it back
 */
record Stored(UUID id, String body, String payloadType, MessageHeaders headers, String handler, String kind,
              int attempt, String origin, int resends) {

    /** What a poison message's dead letter shows as its properties. */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        put(properties, "payloadType", payloadType);
        if (headers != null) {
            put(properties, MessageHeaders.MESSAGE_ID, headers.get(MessageHeaders.MESSAGE_ID));
            put(properties, MessageHeaders.CORRELATION_ID, headers.get(MessageHeaders.CORRELATION_ID));
            put(properties, MessageHeaders.CAUSATION_ID, headers.get(MessageHeaders.CAUSATION_ID));
            put(properties, MessageHeaders.TIMESTAMP, headers.get(MessageHeaders.TIMESTAMP));
            put(properties, MessageHeaders.ROUTING_KEY, headers.routingKey());
            headers.metadata().forEach(properties::put);
        }
        put(properties, "handler", handler);
        put(properties, "kind", kind);
        put(properties, "attempt", String.valueOf(attempt));
        put(properties, "origin", origin);
        return properties;
    }

    private static void put(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
