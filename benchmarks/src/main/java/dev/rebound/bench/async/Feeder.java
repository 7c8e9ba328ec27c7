package dev.rebound.bench.async;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.bench.BenchBroker;
import dev.rebound.bench.Order;
import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.jms.WireFormat;
import dev.rebound.spi.Envelope;
import dev.rebound.transport.JsonPayloadCodec;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Puts messages on a queue before a round, outside the measured time. Both sides get identical messages: a
 * persistent {@code TextMessage} in Rebound's wire format (about 1 KB of JSON plus the {@code rebound_*}
 * properties, exactly what {@code CommandBus.send} puts there), committed in batches.
 */
public final class Feeder {

    private static final int BATCH = 500;
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final WireFormat WIRE = new WireFormat(new JsonPayloadCodec(() -> JSONB,
            new PayloadTypes(Set.of(Order.class))));

    private Feeder() {
    }

    /** Sends the orders {@code from .. from+count-1} to the queue. */
    public static void feed(String queue, long from, long count) {
        feed(queue, from, count, AsyncOrders.HANDLER);
    }

    /** Sends the orders {@code from .. from+count-1} to the queue, addressed to the handler with that id. */
    public static void feed(String queue, long from, long count, String handler) {
        feed(queue, from, count, handler, Map.of());
    }

    /** Like {@link #feed(String, long, long, String)}, each message with this metadata (e.g. a trace context). */
    public static void feed(String queue, long from, long count, String handler, Map<String, String> metadata) {
        try (JMSContext context = BenchBroker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue target = context.createQueue(queue);
            JMSProducer producer = context.createProducer();
            for (long i = from; i < from + count; i++) {
                producer.send(target, WIRE.encode(context, envelope(i, handler, metadata)));
                if ((i - from + 1) % BATCH == 0) {
                    context.commit();
                }
            }
            context.commit();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How {@code CommandBus.send(order)} addresses a command for the asynchronous handler. */
    static Envelope envelope(long seq) {
        return envelope(seq, AsyncOrders.HANDLER);
    }

    /** Each message gets a new message id (the key of a {@code @Deduplicated} handler by default). */
    static Envelope envelope(long seq, String handler) {
        return envelope(seq, handler, Map.of());
    }

    private static Envelope envelope(long seq, String handler, Map<String, String> metadata) {
        Message message = new Message(Order.number(seq), MessageHeaders.first(Instant.now(), null, metadata));
        return new Envelope(message, handler, "COMMAND", 1, "dev.rebound.CommandBus#send");
    }

    /** The size of one message's body on the wire, for the report. */
    public static int bodyBytes() {
        return JSONB.toJson(Order.number(500_000)).length();
    }
}
