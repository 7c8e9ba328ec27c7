package dev.rebound.database;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Instants;
import dev.rebound.spi.PayloadCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An envelope as a row and back. The body is the payload codec's text; the headers but the message id (a column of
 * its own) are one JSON object, {@code {"correlationId", "causationId", "timestamp", "routingKey", "metadata"}}, the
 * trace context inside {@code metadata}: a relay copies the row to a broker without reading the payload.
 */
final class WireFormat {

    private final PayloadCodec payloads;
    /** Looked up once: each {@code Json.create*} call scans the class path for a provider. */
    private final JsonProvider json = JsonProvider.provider();

    WireFormat(PayloadCodec payloads) {
        this.payloads = payloads;
    }

    String typeName(Envelope envelope) {
        return payloads.typeName(envelope.message().payload());
    }

    String body(Envelope envelope) {
        return payloads.write(envelope.message().payload());
    }

    String headers(MessageHeaders h) {
        JsonObjectBuilder object = json.createObjectBuilder().add("correlationId", h.correlationId().toString());
        if (h.causationId() != null) {
            object.add("causationId", h.causationId().toString());
        }
        object.add("timestamp", h.timestamp().toString());
        if (h.routingKey() != null) {
            object.add("routingKey", h.routingKey());
        }
        JsonObjectBuilder metadata = json.createObjectBuilder();
        h.metadata().forEach(metadata::add);
        return object.add("metadata", metadata).build().toString();
    }

    /**
     * The envelope of a row.
     *
     * @throws IllegalArgumentException with the reason when the row cannot be read (a poison row)
     */
    Envelope decode(Row row) {
        if (row.messageId() == null || row.headers() == null) {
            throw new IllegalArgumentException(DatabaseDiagnostics.noHeaders());
        }
        if (row.payloadType() == null) {
            throw new IllegalArgumentException(DatabaseDiagnostics.noPayloadType());
        }
        MessageHeaders headers;
        try (var reader = json.createReader(new StringReader(row.headers()))) {
            JsonObject h = reader.readObject();
            Map<String, String> metadata = new LinkedHashMap<>();
            JsonObject carried = h.getJsonObject("metadata");
            if (carried != null) {
                for (Map.Entry<String, JsonValue> entry : carried.entrySet()) {
                    metadata.put(entry.getKey(), entry.getValue() instanceof JsonString text ? text.getString()
                            : entry.getValue().toString());
                }
            }
            headers = new MessageHeaders(UUID.fromString(row.messageId()), UUID.fromString(h.getString("correlationId")),
                    h.containsKey("causationId") ? UUID.fromString(h.getString("causationId")) : null,
                    Instants.parse(h.getString("timestamp")), h.getString("routingKey", null), metadata);
        } catch (RuntimeException unreadable) {
            throw new IllegalArgumentException(DatabaseDiagnostics.unreadableHeaders(unreadable), unreadable);
        }
        Object payload;
        try {
            payload = payloads.read(row.body(), row.payloadType());
        } catch (IllegalArgumentException refused) {
            throw refused;            // the codec's reason: REBOUND-3002 (a type no handler accepts), 3003 (bad JSON)
        } catch (RuntimeException broken) {
            throw new IllegalArgumentException(DatabaseDiagnostics.unreadablePayload(broken), broken);
        }
        return new Envelope(new Message(payload, headers), row.handler(), row.kind() == null ? "COMMAND" : row.kind(),
                Math.max(1, row.attempt()), row.origin());
    }

    /** The raw columns of a row but its body, for a poison row's dead letter. */
    static Map<String, String> properties(Row row) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("id", row.id());
        putIfPresent(properties, "message_id", row.messageId());
        putIfPresent(properties, "payload_type", row.payloadType());
        putIfPresent(properties, "headers", row.headers());
        putIfPresent(properties, "handler", row.handler());
        putIfPresent(properties, "kind", row.kind());
        properties.put("attempt", String.valueOf(row.attempt()));
        putIfPresent(properties, "origin", row.origin());
        return properties;
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
