package dev.rebound.jms;

import dev.rebound.core.Lazy;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.spi.Envelope;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Rebound's message format on JMS: a {@link TextMessage} whose body is the payload as JSON (JSON-B), and
 * whose properties carry the headers, the payload type, the target handler and the attempt count. Property
 * names are valid identifiers ({@code rebound_*}); custom metadata travels as one JSON property. Never
 * {@code ObjectMessage} or Java serialization. Thread-safe.
 */
public final class WireFormat {

    static final String MESSAGE_ID = "rebound_messageId";
    static final String CORRELATION_ID = "rebound_correlationId";
    static final String CAUSATION_ID = "rebound_causationId";
    static final String TIMESTAMP = "rebound_timestamp";
    static final String ROUTING_KEY = "rebound_routingKey";
    static final String METADATA = "rebound_metadata";
    static final String PAYLOAD_TYPE = "rebound_payloadType";
    static final String HANDLER = "rebound_handler";
    static final String KIND = "rebound_kind";
    static final String ATTEMPT = "rebound_attempt";
    static final String ORIGIN = "rebound_origin";

    private final Supplier<Jsonb> jsonb;
    private final PayloadTypes types;
    /** Looked up once: each {@code Json.create*} call scans the class path for a provider (63 % of a consumer's CPU). */
    private final Supplier<JsonProvider> json = Lazy.of(JsonProvider::provider);

    public WireFormat(Supplier<Jsonb> jsonb, PayloadTypes types) {
        this.jsonb = jsonb;
        this.types = types;
    }

    public TextMessage encode(JMSContext context, Envelope envelope) throws JMSException {
        Message message = envelope.message();
        MessageHeaders h = message.headers();
        TextMessage jms = context.createTextMessage(jsonb.get().toJson(message.payload()));
        jms.setStringProperty(MESSAGE_ID, h.messageId().toString());
        jms.setStringProperty(CORRELATION_ID, h.correlationId().toString());
        if (h.causationId() != null) {
            jms.setStringProperty(CAUSATION_ID, h.causationId().toString());
        }
        jms.setStringProperty(TIMESTAMP, h.timestamp().toString());
        if (h.routingKey() != null) {
            jms.setStringProperty(ROUTING_KEY, h.routingKey());
        }
        JsonObjectBuilder metadata = json.get().createObjectBuilder();
        h.metadata().forEach(metadata::add);
        jms.setStringProperty(METADATA, metadata.build().toString());
        jms.setStringProperty(PAYLOAD_TYPE, message.payload().getClass().getName());
        if (envelope.handler() != null) {
            jms.setStringProperty(HANDLER, envelope.handler());
        }
        if (envelope.kind() != null) {
            jms.setStringProperty(KIND, envelope.kind());
        }
        jms.setIntProperty(ATTEMPT, envelope.attempt());
        if (envelope.origin() != null) {
            jms.setStringProperty(ORIGIN, envelope.origin());
        }
        return jms;
    }

    /**
     * Reads an envelope back.
     *
     * @throws PoisonMessageException with the reason, if the message is not one Rebound can read
     */
    public Envelope decode(jakarta.jms.Message jms) {
        try {
            if (!(jms instanceof TextMessage text)) {
                throw new PoisonMessageException("REBOUND-3001: Not a text message: " + jms.getClass().getName());
            }
            String typeName = required(jms, PAYLOAD_TYPE);
            Class<?> type = types.resolve(typeName).orElseThrow(() -> new PoisonMessageException(
                    "REBOUND-3002: Payload type " + typeName + " is not accepted by any handler."));
            Object payload;
            try {
                payload = jsonb.get().fromJson(text.getText(), type);
            } catch (RuntimeException e) {
                throw new PoisonMessageException("REBOUND-3003: Body is not valid JSON for " + typeName + ": " + e);
            }
            if (payload == null) {
                throw new PoisonMessageException("REBOUND-3003: Body is empty or null for " + typeName + ".");
            }
            MessageHeaders headers = new MessageHeaders(UUID.fromString(required(jms, MESSAGE_ID)),
                    UUID.fromString(required(jms, CORRELATION_ID)), optionalUuid(jms, CAUSATION_ID),
                    Instant.parse(required(jms, TIMESTAMP)), jms.getStringProperty(ROUTING_KEY),
                    metadata(jms.getStringProperty(METADATA)));
            int attempt = jms.propertyExists(ATTEMPT) ? jms.getIntProperty(ATTEMPT) : 1;
            return new Envelope(new Message(payload, headers), jms.getStringProperty(HANDLER),
                    jms.getStringProperty(KIND), Math.max(1, attempt), jms.getStringProperty(ORIGIN));
        } catch (PoisonMessageException e) {
            throw e;
        } catch (JMSException | RuntimeException e) {
            throw new PoisonMessageException("REBOUND-3004: Headers cannot be read: " + e);
        }
    }

    /** The raw properties of a message, for a poison message's dead letter. */
    static Map<String, String> properties(jakarta.jms.Message jms) {
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            Enumeration<?> names = jms.getPropertyNames();
            while (names.hasMoreElements()) {
                String name = String.valueOf(names.nextElement());
                properties.put(name, String.valueOf(jms.getObjectProperty(name)));
            }
            properties.put("JMSMessageID", jms.getJMSMessageID());
        } catch (JMSException e) {
            properties.put("unreadable", e.toString());
        }
        return properties;
    }

    static String body(jakarta.jms.Message jms) {
        try {
            return jms instanceof TextMessage text ? text.getText() : null;
        } catch (JMSException e) {
            return null;
        }
    }

    private static String required(jakarta.jms.Message jms, String name) throws JMSException {
        String value = jms.getStringProperty(name);
        if (value == null) {
            throw new PoisonMessageException("REBOUND-3004: Required property " + name + " is missing.");
        }
        return value;
    }

    private static UUID optionalUuid(jakarta.jms.Message jms, String name) throws JMSException {
        String value = jms.getStringProperty(name);
        return value == null ? null : UUID.fromString(value);
    }

    private Map<String, String> metadata(String text) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (text != null) {
            try (JsonReader reader = json.get().createReader(new StringReader(text))) {
                JsonObject object = reader.readObject();
                object.forEach((k, v) -> metadata.put(k, ((JsonString) v).getString()));
            }
        }
        return metadata;
    }
}
