package dev.rebound.deadletter;

import dev.rebound.DeadLetter;
import dev.rebound.ErrorMessage;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.ReboundException;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Lazy;
import dev.rebound.spi.DeadLetterRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes failed messages as dead letter records (payload as JSON-B, headers as a JSON object) and reads
 * them back, only into {@link PayloadTypes allowed} payload types. Thread-safe.
 */
public final class DeadLetterCodec {

    private final Supplier<Jsonb> jsonb;
    private final PayloadTypes types;
    /**
     * Looked up once: {@code Json.createReader} and friends search the class path for a provider on every call
     * (ServiceLoader), which cost more than the rest of storing or reading a dead letter.
     */
    private final Supplier<JsonProvider> json = Lazy.of(JsonProvider::provider);

    public DeadLetterCodec(Supplier<Jsonb> jsonb, PayloadTypes types) {
        this.jsonb = jsonb;
        this.types = types;
    }

    /**
     * A record of the failure; a payload that JSON-B cannot write leaves no body and a note saying why.
     *
     * @param channel the asynchronous channel of the failed handler, or {@code null}
     */
    public DeadLetterRecord encode(ErrorMessage error, String channel) {
        Message message = error.originalMessage();
        Object payload = message.payload();
        String body = null;
        String note = null;
        try {
            body = jsonb.get().toJson(payload);
        } catch (RuntimeException | LinkageError e) {
            note = Diagnostics.payloadNotSerializable(payload.getClass().getName(), e);
        }
        String site = Fingerprints.failureSite(error.stackTrace());
        return new DeadLetterRecord(error.messageId(), payload.getClass().getName(), body,
                headersJson(message.headers()), error.exceptionClass(), error.exceptionMessage(),
                error.rootCauseClass(), error.rootCauseMessage(), error.stackTrace(), error.handler(),
                error.origin(), error.attempts(), error.failedAt(), error.failedAt(), note, channel,
                Fingerprints.of(error.exceptionClass(), error.handler(), site), site, List.of());
    }

    /**
     * The stored message as it was sent.
     *
     * @throws ReboundException if the payload type is not allowed or the body cannot be read
     */
    public Message decode(DeadLetterRecord record) {
        if (record.payloadType() == null) {
            throw new ReboundException(record.note() != null ? record.note()
                    : Diagnostics.unreadableBody("(none)", new IllegalStateException("no payload type")));
        }
        Class<?> type = types.resolve(record.payloadType())
                .orElseThrow(() -> new ReboundException(Diagnostics.payloadTypeNotAllowed(record.payloadType())));
        if (record.body() == null) {
            throw new ReboundException(record.note() != null ? record.note()
                    : Diagnostics.unreadableBody(record.payloadType(), new IllegalStateException("no body")));
        }
        Object payload;
        try {
            payload = jsonb.get().fromJson(record.body(), type);
        } catch (RuntimeException e) {
            throw new ReboundException(Diagnostics.unreadableBody(record.payloadType(), e), e);
        }
        return new Message(payload, headers(record.headers()));
    }

    /** The view an application sees; the payload is {@code null} where it cannot be read back. */
    public DeadLetter view(DeadLetterRecord r) {
        Object payload = null;
        String note = r.note();
        try {
            payload = decode(r).payload();
        } catch (ReboundException e) {
            note = note != null ? note : e.getMessage();
        }
        MessageHeaders headers = null;
        try {
            headers = headers(r.headers());
        } catch (RuntimeException rawProperties) {
            // a poison message's dead letter keeps the raw broker properties instead
        }
        return new DeadLetter(r.messageId(), payload, r.payloadType(), r.body(), headers,
                r.exceptionClass(), r.exceptionMessage(), r.rootCauseClass(), r.rootCauseMessage(),
                r.stackTrace(), r.handler(), r.origin(), r.attempts(), r.failedAt(), r.lastFailedAt(), note,
                r.channel(), r.fingerprint(), r.failureSite(), r.history());
    }

    String headersJson(MessageHeaders h) {
        JsonObjectBuilder metadata = json.get().createObjectBuilder();
        h.metadata().forEach(metadata::add);
        JsonObjectBuilder object = json.get().createObjectBuilder()
                .add(MessageHeaders.MESSAGE_ID, h.messageId().toString())
                .add(MessageHeaders.CORRELATION_ID, h.correlationId().toString())
                .add(MessageHeaders.TIMESTAMP, h.timestamp().toString())
                .add("metadata", metadata);
        if (h.causationId() != null) {
            object.add(MessageHeaders.CAUSATION_ID, h.causationId().toString());
        }
        if (h.routingKey() != null) {
            object.add(MessageHeaders.ROUTING_KEY, h.routingKey());
        }
        return object.build().toString();
    }

    MessageHeaders headers(String text) {
        try (JsonReader reader = json.get().createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            Map<String, String> metadata = new LinkedHashMap<>();
            object.getJsonObject("metadata").forEach((k, v) -> metadata.put(k, ((jakarta.json.JsonString) v).getString()));
            return new MessageHeaders(UUID.fromString(object.getString(MessageHeaders.MESSAGE_ID)),
                    UUID.fromString(object.getString(MessageHeaders.CORRELATION_ID)),
                    optional(object, MessageHeaders.CAUSATION_ID) == null ? null
                            : UUID.fromString(object.getString(MessageHeaders.CAUSATION_ID)),
                    Instant.parse(object.getString(MessageHeaders.TIMESTAMP)),
                    optional(object, MessageHeaders.ROUTING_KEY), metadata);
        }
    }

    private static String optional(JsonObject json, String key) {
        JsonValue value = json.get(key);
        return value == null || value == JsonValue.NULL ? null : json.getString(key);
    }
}
