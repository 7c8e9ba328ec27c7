package dev.rebound.jms;

import dev.rebound.ReboundException;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An asynchronous channel on a JMS queue. A message is written for the wire when it is sent (a payload that
 * cannot be written fails the caller's call); inside a JTA transaction it is then kept and sent just before the
 * commit ({@link DeferredSends}), outside one at once; both with the channel's retries ({@link Sender}).
 * Thread-safe.
 */
public final class JmsChannel implements QueueChannel {

    private final String name;
    private final QueueRef queue;
    private final WireFormat wire;
    private final Sending sending;

    /** How the channel's messages are sent: its retries, its fallback, the transport's sender. */
    record Sending(SendRetry retry, String fallback, Supplier<QueueChannel> fallbackChannel, DeferredSends deferred,
                   Sender sender, BatchSends batches) {
    }

    JmsChannel(String name, QueueRef queue, WireFormat wire, Sending sending) {
        this.name = name;
        this.queue = queue;
        this.wire = wire;
        this.sending = sending;
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

    SendRetry retry() {
        return sending.retry();
    }

    /** The name of the channel that takes its messages when the broker does not, or {@code null}. */
    String fallbackName() {
        return sending.fallback();
    }

    /** The channel that takes its messages when the broker does not, or {@code null}. */
    QueueChannel fallback() {
        return sending.fallback() == null ? null : sending.fallbackChannel().get();
    }

    @Override
    public void enqueue(Envelope envelope, long delayMs) {
        WireFormat.Encoded encoded = encode(envelope, null, true);
        Outgoing outgoing = new Outgoing(this, encoded, Math.max(0, delayMs), envelope);
        if (sending.deferred().add(outgoing)) {
            return;
        }
        List<Outgoing> one = List.of(outgoing);
        try {
            sending.sender().send(one, () -> false);
        } catch (Sender.Failed e) {
            throw new ReboundException(JmsDiagnostics.notSent(Sender.queues(one), e.attempts(), e.getCause()),
                    e.getCause());
        }
    }

    /**
     * Sends the batch now, all or none ({@link BatchSends}): stand-alone XA inside a JTA transaction as one XA
     * branch of it (sent at its commit, exactly once with the caller's database work); in a server on the
     * container's context, which joins the transaction; else in one transacted session committed before this
     * returns (a caller whose commit then fails sends the batch again: at-least-once). Never deferred to the commit,
     * so that a refusal reaches the caller (a relay backs off) rather than failing its commit.
     */
    @Override
    public void enqueueAll(List<Envelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        List<Outgoing> batch = new ArrayList<>(envelopes.size());
        for (Envelope envelope : envelopes) {
            batch.add(new Outgoing(this, encode(envelope, null, false), 0, envelope));
        }
        sending.batches().send(batch);
    }

    /**
     * {@link #enqueueAll} with each body as the payload codec wrote it (a relay's rows): sent as it is, the payload
     * is not written again (a relay's CPU per message: the codec's write was a quarter of it).
     */
    @Override
    public void enqueueAllWritten(List<Envelope> envelopes, List<String> bodies) {
        if (bodies.size() != envelopes.size()) {
            throw new IllegalArgumentException(envelopes.size() + " envelopes but " + bodies.size() + " bodies");
        }
        if (envelopes.isEmpty()) {
            return;
        }
        List<Outgoing> batch = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            Envelope envelope = envelopes.get(i);
            batch.add(new Outgoing(this, encode(envelope, bodies.get(i), false), 0, envelope));
        }
        sending.batches().send(batch);
    }

    /**
     * The envelope in the wire format; a payload that cannot be written fails with REBOUND-3052, after marking the
     * caller's deferred sends doomed when {@code doom} (a single send: none of the transaction's messages leaves; a
     * batch's caller rolls back itself).
     */
    private WireFormat.Encoded encode(Envelope envelope, String body, boolean doom) {
        try {
            return wire.encode(envelope, body);
        } catch (RuntimeException e) {
            boolean doomed = doom && sending.deferred().doom();
            throw new ReboundException(JmsDiagnostics.unwritablePayload(
                    envelope.message().payload().getClass().getName(), name, e, doomed), e);
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
