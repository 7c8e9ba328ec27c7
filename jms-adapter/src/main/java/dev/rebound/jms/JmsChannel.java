package dev.rebound.jms;

import dev.rebound.ReboundException;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.function.Supplier;

/**
 * An asynchronous channel on a JMS queue. Sending opens a context from the connection factory, which in a
 * server joins the caller's JTA transaction; outside one the message is sent at once. Thread-safe.
 */
public final class JmsChannel implements QueueChannel {

    private final String name;
    private final QueueRef queue;
    private final Supplier<ConnectionFactory> factory;
    private final WireFormat wire;

    JmsChannel(String name, QueueRef queue, Supplier<ConnectionFactory> factory, WireFormat wire) {
        this.name = name;
        this.queue = queue;
        this.factory = factory;
        this.wire = wire;
    }

    @Override
    public String name() {
        return name;
    }

    /** The queue, for logs. */
    public String queue() {
        return queue.toString();
    }

    QueueRef queueRef() {
        return queue;
    }

    @Override
    public void enqueue(Envelope envelope, long delayMs) {
        try (JMSContext context = factory.get().createContext()) {
            send(context, envelope, delayMs);
        }
    }

    /** Sends with the given context (a consumer's transacted one, so that the send commits with the ack). */
    void send(JMSContext context, Envelope envelope, long delayMs) {
        send(context, envelope, delayMs, null);
    }

    /** Sets properties of its own on a message before it is sent. */
    @FunctionalInterface
    interface Marking {
        void mark(jakarta.jms.Message message) throws JMSException;
    }

    /** Sends with the given context, the message marked by {@code marking} ({@code null}: as it is). */
    void send(JMSContext context, Envelope envelope, long delayMs, Marking marking) {
        try {
            jakarta.jms.Message message = wire.encode(context, envelope);
            if (marking != null) {
                marking.mark(message);
            }
            context.createProducer().setDeliveryDelay(Math.max(0, delayMs)).send(queue.in(context), message);
        } catch (JMSException e) {
            throw new ReboundException(JmsDiagnostics.sendFailed(queue, name, e), e);
        }
    }
}
