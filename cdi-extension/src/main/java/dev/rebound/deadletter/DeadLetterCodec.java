package dev.rebound.deadletter;

import dev.rebound.DeadLetter;
import dev.rebound.ErrorMessage;
import dev.rebound.Failure;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.ReboundException;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Lazy;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.Instants;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
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
        Failure failure = error.failure().cut(Failure.MAX_MESSAGE_LENGTH);
        return new DeadLetterRecord(DeadLetterIds.of(error.messageId(), error.handler()), error.messageId(),
                payload.getClass().getName(), body, headersJson(message.headers()), failure, error.handler(),
                error.origin(), error.attempts(), error.failedAt(), error.failedAt(), note, channel,
                Fingerprints.of(failure, error.handler()), List.of());
    }

    /**
     * The stored message as it was sent.
     *
     * @throws ReboundException if the payload type is not allowed, or the body or the headers cannot be read
     */
    public Message decode(DeadLetterRecord record) {
        Object payload = payload(record);
        MessageHeaders headers = headers(record.headers());
        if (headers == null) {
            throw new ReboundException(Diagnostics.unreadableHeaders(record.id()));
        }
        return new Message(payload, headers);
    }

    private Object payload(DeadLetterRecord record) {
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
        try {
            return jsonb.get().fromJson(record.body(), type);
        } catch (RuntimeException e) {
            throw new ReboundException(Diagnostics.unreadableBody(record.payloadType(), e), e);
        }
    }

    /**
     * The view an application sees, whatever is stored: it never throws. The payload is {@code null} where it
     * cannot be read back (the note says why), the headers are {@code null} where they are not Rebound's (the raw
     * properties are shown instead).
     */
    public DeadLetter view(DeadLetterRecord r) {
        Object payload = null;
        String note = r.note();
        MessageHeaders headers = headers(r.headers());
        try {
            payload = payload(r);
        } catch (RuntimeException | LinkageError e) {
            note = note != null ? note : e.getMessage();
        }
        if (headers == null && note == null) {
            note = Diagnostics.unreadableHeaders(r.id());
        }
        return new DeadLetter(r.id(), r.messageId(), payload, r.payloadType(), r.body(), headers, r.failure(),
                r.handler(), r.origin(), r.attempts(), r.failedAt(), r.lastFailedAt(), note, r.channel(),
                r.fingerprint(), r.history(),
                headers == null ? properties(r.headers()) : Map.of());
    }

    /** The raw properties of a message that could not be read, as a JSON object of strings. */
    String propertiesJson(Map<String, String> properties) {
        JsonObjectBuilder raw = json.get().createObjectBuilder();
        properties.forEach((k, v) -> raw.add(k, String.valueOf(v)));
        return raw.build().toString();
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

    /**
     * Rebound's headers as stored, or {@code null} when the text is not them: missing, not JSON, or the raw
     * properties of a message that could not be read (which has no Rebound headers, or not all of them).
     */
    MessageHeaders headers(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = json.get().createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            JsonObject stored = object.getJsonObject("metadata");
            Map<String, String> metadata = new LinkedHashMap<>();
            if (stored != null) {
                stored.forEach((k, v) -> metadata.put(k, text(v)));
            }
            return new MessageHeaders(UUID.fromString(object.getString(MessageHeaders.MESSAGE_ID)),
                    UUID.fromString(object.getString(MessageHeaders.CORRELATION_ID)),
                    optional(object, MessageHeaders.CAUSATION_ID) == null ? null
                            : UUID.fromString(object.getString(MessageHeaders.CAUSATION_ID)),
                    Instants.parse(object.getString(MessageHeaders.TIMESTAMP)),
                    optional(object, MessageHeaders.ROUTING_KEY), metadata);
        } catch (RuntimeException notReboundHeaders) {
            // NullPointerException, ClassCastException, JsonException, DateTimeParseException, ...: all mean the
            // same to a reader, the stored text is not Rebound's headers
            return null;
        }
    }

    /** The stored headers as a flat map of texts (the raw properties of a poison message); empty if not JSON. */
    Map<String, String> properties(String text) {
        if (text == null) {
            return Map.of();
        }
        try (JsonReader reader = json.get().createReader(new StringReader(text))) {
            Map<String, String> found = new LinkedHashMap<>();
            reader.readObject().forEach((k, v) -> found.put(k, text(v)));
            return found;
        } catch (RuntimeException notAnObject) {
            return Map.of("(unreadable)", text.length() > 1_000 ? text.substring(0, 1_000) + "..." : text);
        }
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }

    private static String optional(JsonObject json, String key) {
        JsonValue value = json.get(key);
        return value == null || value == JsonValue.NULL ? null : json.getString(key);
    }
}
