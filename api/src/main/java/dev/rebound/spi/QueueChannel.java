package dev.rebound.spi;

import dev.rebound.Message;
import java.util.List;

/**
 * A channel backed by a queue, consumed asynchronously. {@link #enqueue} joins the caller's transaction
 * where the transport supports it (JTA/XA in a server). Implementations are thread-safe.
 */
public interface QueueChannel extends MessageChannel {

    /**
     * Puts an envelope on the queue, to be delivered no earlier than {@code delayMs} from now.
     *
     * @throws RuntimeException if the broker did not accept it; nothing was sent then
     */
    void enqueue(Envelope envelope, long delayMs);

    /**
     * Puts a batch of envelopes on the queue, due now, in their order: all or none where the transport can. When
     * this throws, none of the batch is to be taken as sent (the caller keeps all of it and tries the batch again
     * later); a transport that cannot make the batch atomic says so in its documentation (the JMS transport makes
     * it one transacted session or one XA branch). Inside a JTA transaction the batch joins it where the transport
     * supports that, like {@link #enqueue}. A relay calls this once per batch of rows.
     *
     * <p>The default sends them one by one with {@link #enqueue} and delay 0 (all or none then holds only when the
     * transport's {@code enqueue} joins the caller's transaction).
     *
     * @throws RuntimeException if the broker did not accept the batch
     */
    default void enqueueAll(List<Envelope> envelopes) {
        for (Envelope envelope : envelopes) {
            enqueue(envelope, 0);
        }
    }

    /**
     * {@link #enqueueAll} of envelopes whose payloads are already written: {@code bodies.get(i)} is the payload of
     * {@code envelopes.get(i)} as the application's {@link PayloadCodec} writes it (a relay copies the bodies of its
     * rows, which that codec wrote). A transport that carries the codec's text may send the bodies as they are
     * instead of writing each payload again; the envelopes' payloads stay what the messages are (interceptors see
     * them). Same guarantees as {@link #enqueueAll}.
     *
     * <p>The default ignores the bodies and calls {@link #enqueueAll}.
     *
     * @throws IllegalArgumentException if the lists differ in size
     * @throws RuntimeException if the broker did not accept the batch
     */
    default void enqueueAllWritten(List<Envelope> envelopes, List<String> bodies) {
        if (bodies.size() != envelopes.size()) {
            throw new IllegalArgumentException(envelopes.size() + " envelopes but " + bodies.size() + " bodies");
        }
        enqueueAll(envelopes);
    }

    /** Sends a message as a first attempt, routed by payload type at the consumer. */
    @Override
    default void send(Message message) {
        enqueue(new Envelope(message, null, "COMMAND", 1, "channel " + name()), 0);
    }
}
