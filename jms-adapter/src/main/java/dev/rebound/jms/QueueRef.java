package dev.rebound.jms;

import dev.rebound.spi.TransportContext;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.Optional;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where a channel's messages go: a CDI bean of type {@link Queue} named like the channel ({@code @Named("orders")});
 * else {@code rebound.channel.<name>.queue} as a JNDI name when it has one's shape ({@code java:...} or with a
 * {@code /}, e.g. {@code jms/OrdersQueue}); else that value, or the channel's name, as the provider's queue name.
 * Resolved once, when the consumers start or on the first send. Thread-safe.
 */
final class QueueRef {

    private final String channel;
    private final String configured;
    private final Supplier<Optional<Queue>> bound;

    QueueRef(String channel, String configured, TransportContext beans) {
        this.channel = channel;
        this.configured = configured;
        this.bound = Once.of(() -> Optional.ofNullable(lookup(beans)));
    }

    /**
     * The provider's queue of that name, made by the first context that needed it and kept: a destination is a
     * value of its provider, valid in every session, while {@code createQueue} may ask the broker (Artemis: a
     * blocking queue query, one round trip per send batch before it was kept). Not kept when it fails (no such
     * queue), so that the next send asks again.
     */
    private volatile Queue created;

    /** The queue, as a destination of the given context. */
    Queue in(JMSContext context) {
        Optional<Queue> queue = bound.get();
        if (queue.isPresent()) {
            return queue.get();
        }
        Queue made = created;
        if (made == null) {
            made = context.createQueue(configured);
            created = made;
        }
        return made;
    }

    /** Fails now, with a clear message, if the queue cannot be found. */
    void resolve() {
        bound.get();
    }

    @Override
    public String toString() {
        return configured;
    }

    private Queue lookup(TransportContext beans) {
        Queue bean = beans.bean(Queue.class, NamedLiteral.of(channel));
        if (bean != null) {
            return bean;
        }
        if (!configured.startsWith("java:") && !configured.contains("/")) {
            return null;
        }
        try {
            return (Queue) new InitialContext().lookup(configured);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(JmsDiagnostics.queueNotFound(channel, configured), e);
        }
    }
}
