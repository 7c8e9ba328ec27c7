package dev.rebound.jms;

import dev.rebound.Failure;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Instants;
import dev.rebound.spi.PayloadCodec;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
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
 * whose properties carry the headers, the payload type, the target handler and the attempt count. The body is
 * written and read by Rebound's {@link PayloadCodec}, which reads only the handlers' payload types. Property
 * names are valid identifiers ({@code rebound_*}); custom metadata travels as one JSON property (and a W3C
 * {@code traceparent}/{@code tracestate} in it also as a property of that name, for JMS tracers). Never
 * {@code ObjectMessage} or Java serialization. Thread-safe.
 */
public final class WireFormat {

    static final String MESSAGE_ID = "rebound_messageId";
    static final String CORRELATION_ID = "rebound_correlationId";
    static final String CAUSATION_ID = "rebound_causationId";
    static final String TIMESTAMP = "rebound_timestamp";
    static final String ROUTING_KEY = "rebound_routingKey";
    static final String METADATA = "rebound_metadata";
    /*
     * The W3C trace context, when the metadata has it (a tracing interceptor put it there), is also a JMS property
     * of its own under its W3C name, as the OpenTelemetry Java agent and other JMS consumers look for it; Rebound
     * reads its metadata first and the property only when the metadata has none (a producer traced by the agent).
     */
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    static final String PAYLOAD_TYPE = "rebound_payloadType";
    static final String HANDLER = "rebound_handler";
    static final String KIND = "rebound_kind";
    static final String ATTEMPT = "rebound_attempt";
    static final String ORIGIN = "rebound_origin";
    /*
     * A copy of a message whose failure could not be handed to its channel (the dead letter store was down)
     * carries the failure, so that its consumer routes it again instead of running the handler: the channel's
     * presence marks such a copy.
     */
    static final String FAILURE_CHANNEL = "rebound_failureChannel";
    static final String FAILURE_CLASS = "rebound_failureClass";
    static final String FAILURE_MESSAGE = "rebound_failureMessage";
    static final String FAILURE_ROOT_CLASS = "rebound_failureRootClass";
    static final String FAILURE_ROOT_MESSAGE = "rebound_failureRootMessage";
    static final String FAILURE_STACK_TRACE = "rebound_failureStackTrace";
    static final String FAILURE_HANDLER = "rebound_failureHandler";
    static final String FAILURE_ORIGIN = "rebound_failureOrigin";
    static final String FAILURE_ATTEMPTS = "rebound_failureAttempts";
    static final String FAILED_AT = "rebound_failedAt";
    /** How many copies were sent back so far, for this one included (also on a poison message's copy). */
    static final String ROUTE_TURN = "rebound_routeTurn";
    /** The dead letter id of a poison message, kept on its copies (which get new JMS ids). */
    static final String POISON_ID = "rebound_poisonId";
    /** How often the final failure strategy {@code RESEND} sent the message back. */
    static final String RESENDS = "rebound_resends";
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    /**
     * A message's ordering key (rebound.channel.c.ordering-key, in its metadata) is also its JMS group: the broker
     * delivers one group to one consumer at a time, in order. Set here, so that every send has it (direct,
     * before commit, a relay's).
     */
    static final String GROUP_ID = "JMSXGroupID";

    private final PayloadCodec payloads;
    /** Looked up once: each {@code Json.create*} call scans the class path for a provider (63 % of a consumer's CPU). */
    private final Supplier<JsonProvider> json = Once.of(JsonProvider::provider);

    public WireFormat(PayloadCodec payloads) {
        this.payloads = payloads;
    }

    public TextMessage encode(JMSContext context, Envelope envelope) throws JMSException {
        return encode(envelope).in(context);
    }

    /**
     * The envelope as text and properties, before any context exists: a payload that cannot be written fails
     * here, in the sender's call, while the broker send may come later (at commit).
     *
     * @throws RuntimeException from the payload codec when the payload cannot be written
     */
    Encoded encode(Envelope envelope) {
        return encode(envelope, null);
    }

    /**
     * {@link #encode(Envelope)} with the payload already written as {@code written} (the payload codec's text of
     * it, a relay's row body), or written here when {@code null}.
     */
    Encoded encode(Envelope envelope, String written) {
        Message message = envelope.message();
        MessageHeaders h = message.headers();
        String body = written != null ? written : payloads.write(message.payload());
        Map<String, String> properties = new LinkedHashMap<>(16);
        properties.put(MESSAGE_ID, h.messageId().toString());
        properties.put(CORRELATION_ID, h.correlationId().toString());
        if (h.causationId() != null) {
            properties.put(CAUSATION_ID, h.causationId().toString());
        }
        properties.put(TIMESTAMP, h.timestamp().toString());
        if (h.routingKey() != null) {
            properties.put(ROUTING_KEY, h.routingKey());
        }
        JsonObjectBuilder metadata = json.get().createObjectBuilder();
        h.metadata().forEach(metadata::add);
        properties.put(METADATA, metadata.build().toString());
        // the W3C context also as JMS properties of their own, for the OpenTelemetry agent and foreign consumers
        if (h.metadata().get(TRACEPARENT) != null) {
            properties.put(TRACEPARENT, h.metadata().get(TRACEPARENT));
        }
        if (h.metadata().get(TRACESTATE) != null) {
            properties.put(TRACESTATE, h.metadata().get(TRACESTATE));
        }
        if (envelope.orderingKey() != null) {
            properties.put(GROUP_ID, envelope.orderingKey());
        }
        properties.put(PAYLOAD_TYPE, payloads.typeName(message.payload()));
        if (envelope.handler() != null) {
            properties.put(HANDLER, envelope.handler());
        }
        if (envelope.kind() != null) {
            properties.put(KIND, envelope.kind());
        }
        if (envelope.origin() != null) {
            properties.put(ORIGIN, envelope.origin());
        }
        return new Encoded(body, properties, envelope.attempt());
    }

    /** A message as it goes on the wire, without a JMS context: body, string properties and the attempt. */
    record Encoded(String body, Map<String, String> properties, int attempt) {

        TextMessage in(JMSContext context) throws JMSException {
            TextMessage jms = context.createTextMessage(body);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                jms.setStringProperty(property.getKey(), property.getValue());
            }
            jms.setIntProperty(ATTEMPT, attempt);
            return jms;
        }
    }

    /**
     * Reads an envelope back.
     *
     * @throws PoisonMessageException with the reason, if the message is not one Rebound can read
     */
    public Envelope decode(jakarta.jms.Message jms) {
        try {
            if (!(jms instanceof TextMessage text)) {
                throw new PoisonMessageException(JmsDiagnostics.notText(jms.getClass().getName()));
            }
            String typeName = required(jms, PAYLOAD_TYPE);
            String body;
            try {
                body = text.getText();
            } catch (JMSException | RuntimeException e) {
                throw new PoisonMessageException(JmsDiagnostics.unreadableBody(e));
            }
            Object payload;
            try {
                payload = payloads.read(body, typeName);
            } catch (IllegalArgumentException refused) {
                // the codec's reason: REBOUND-3002 (a type no handler accepts), REBOUND-3003 (not its JSON)
                throw new PoisonMessageException(refused.getMessage());
            }
            MessageHeaders headers = new MessageHeaders(UUID.fromString(required(jms, MESSAGE_ID)),
                    UUID.fromString(required(jms, CORRELATION_ID)), optionalUuid(jms, CAUSATION_ID),
                    Instants.parse(required(jms, TIMESTAMP)), jms.getStringProperty(ROUTING_KEY),
                    metadata(jms));
            int attempt = jms.propertyExists(ATTEMPT) ? jms.getIntProperty(ATTEMPT) : 1;
            return new Envelope(new Message(payload, headers), jms.getStringProperty(HANDLER),
                    jms.getStringProperty(KIND), Math.max(1, attempt), jms.getStringProperty(ORIGIN));
        } catch (PoisonMessageException e) {
            throw e;
        } catch (JMSException | RuntimeException e) {
            throw new PoisonMessageException(JmsDiagnostics.unreadableHeaders(e));
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

    /** The text body of a message, {@code null} if it has none. */
    static String body(jakarta.jms.Message jms) throws JMSException {
        return jms instanceof TextMessage text ? text.getText() : null;
    }

    /** How often the broker delivered the message (JMS 2.0 sets it on every provider); 1 if it cannot say. */
    static int deliveryCount(jakarta.jms.Message jms) {
        try {
            return Math.max(1, jms.getIntProperty(DELIVERY_COUNT));
        } catch (JMSException | RuntimeException e) {
            return 1;
        }
    }

    /** An int property of a Rebound message, 0 when absent. */
    static int count(jakarta.jms.Message jms, String name) {
        try {
            return jms.propertyExists(name) ? jms.getIntProperty(name) : 0;
        } catch (JMSException | RuntimeException e) {
            return 0;
        }
    }

    /** The target channel if the message is a copy that only routes its failure, else {@code null}. */
    static String failureChannel(jakarta.jms.Message jms) throws JMSException {
        return jms.getStringProperty(FAILURE_CHANNEL);
    }

    /** The failure carried by a copy ({@link #failureChannel} is not null). */
    static FailureText readFailure(jakarta.jms.Message jms) throws JMSException {
        String failedAt = jms.getStringProperty(FAILED_AT);
        String stackTrace = jms.getStringProperty(FAILURE_STACK_TRACE);
        // the site is not carried: it is found again in the stack trace, as it was found the first time
        Failure failure = new Failure(String.valueOf(jms.getStringProperty(FAILURE_CLASS)),
                jms.getStringProperty(FAILURE_MESSAGE), jms.getStringProperty(FAILURE_ROOT_CLASS),
                jms.getStringProperty(FAILURE_ROOT_MESSAGE), stackTrace, Failure.siteOf(stackTrace));
        return new FailureText(failure, jms.getStringProperty(FAILURE_HANDLER), jms.getStringProperty(FAILURE_ORIGIN),
                count(jms, FAILURE_ATTEMPTS), failedAt == null ? Instant.now() : Instants.parse(failedAt));
    }

    /** Marks a copy of a message as one that routes {@code failure} to {@code channel}, on its {@code turn}. */
    static void writeFailure(jakarta.jms.Message jms, String channel, FailureText failure, int turn)
            throws JMSException {
        Failure cause = failure.cause();
        jms.setStringProperty(FAILURE_CHANNEL, channel);
        jms.setStringProperty(FAILURE_CLASS, cause.exceptionClass());
        setIfPresent(jms, FAILURE_MESSAGE, cause.exceptionMessage());
        setIfPresent(jms, FAILURE_ROOT_CLASS, cause.rootCauseClass());
        setIfPresent(jms, FAILURE_ROOT_MESSAGE, cause.rootCauseMessage());
        setIfPresent(jms, FAILURE_STACK_TRACE, cause.stackTrace());
        setIfPresent(jms, FAILURE_HANDLER, failure.handler());
        setIfPresent(jms, FAILURE_ORIGIN, failure.origin());
        jms.setIntProperty(FAILURE_ATTEMPTS, failure.attempts());
        jms.setStringProperty(FAILED_AT, failure.failedAt().toString());
        jms.setIntProperty(ROUTE_TURN, turn);
    }

    private static void setIfPresent(jakarta.jms.Message jms, String name, String value) throws JMSException {
        if (value != null) {
            jms.setStringProperty(name, value);
        }
    }

    /**
     * A copy of a raw (poison) message to send back to its queue: a text message gets a new one with the same
     * body and properties; any other the received message itself, its properties made writable again. The
     * provider's own {@code JMSX} properties (the delivery count) are not copied.
     */
    static jakarta.jms.Message rawCopy(JMSContext context, jakarta.jms.Message jms) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        Enumeration<?> names = jms.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = String.valueOf(names.nextElement());
            if (!name.startsWith("JMSX") || name.equals("JMSXGroupID") || name.equals("JMSXGroupSeq")) {
                properties.put(name, jms.getObjectProperty(name));
            }
        }
        jakarta.jms.Message copy = null;
        if (jms instanceof TextMessage text) {
            try {
                copy = context.createTextMessage(text.getText());
            } catch (JMSException | RuntimeException unreadable) {
                copy = null;                   // sent as it is, below
            }
        }
        if (copy == null) {
            jms.clearProperties();
            copy = jms;
        }
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            try {
                copy.setObjectProperty(property.getKey(), property.getValue());
            } catch (JMSException | RuntimeException e) {
                // a provider property that cannot be set again: the copy goes without it
            }
        }
        return copy;
    }

    private static String required(jakarta.jms.Message jms, String name) throws JMSException {
        String value = jms.getStringProperty(name);
        if (value == null) {
            throw new PoisonMessageException(JmsDiagnostics.missingProperty(name));
        }
        return value;
    }

    private static UUID optionalUuid(jakarta.jms.Message jms, String name) throws JMSException {
        String value = jms.getStringProperty(name);
        return value == null ? null : UUID.fromString(value);
    }

    /** The metadata property, with the trace context of the JMS properties if it has none of its own. */
    private Map<String, String> metadata(jakarta.jms.Message jms) throws JMSException {
        Map<String, String> metadata = metadata(jms.getStringProperty(METADATA));
        if (!metadata.containsKey(TRACEPARENT)) {
            String traceparent = jms.getStringProperty(TRACEPARENT);
            if (traceparent != null) {
                metadata.put(TRACEPARENT, traceparent);
                String tracestate = jms.getStringProperty(TRACESTATE);
                if (tracestate != null) {
                    metadata.put(TRACESTATE, tracestate);
                }
            }
        }
        return metadata;
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
