package dev.rebound.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A transacted JMS session kept for the consumer's life. The handler runs in a JTA transaction of its own,
 * committed before the session: if the process dies between the two commits, the message comes again and the
 * handler runs twice (at-least-once). Used without a transaction manager, or when asked for.
 */
final class LocalSession implements ConsumerSession {

    private static final Logger LOG = Logger.getLogger(LocalSession.class.getName());

    private final JMSContext context;
    private final JMSConsumer consumer;

    LocalSession(ConnectionFactory factory, QueueRef queue) {
        context = factory.createContext(JMSContext.SESSION_TRANSACTED);
        try {
            consumer = context.createConsumer(queue.in(context));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public Message receive(long timeoutMs) {
        return consumer.receive(timeoutMs);
    }

    @Override
    public JMSContext context() {
        return context;
    }

    @Override
    public boolean handlerJoins() {
        return false;
    }

    @Override
    public <T> T outside(java.util.concurrent.Callable<T> work) throws Exception {
        return work.call();
    }

    @Override
    public void commit() {
        context.commit();
    }

    @Override
    public void rollback() {
        try {
            context.rollback();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Rolling back a consumer session", e); // closed by stop: the broker redelivers
        }
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } finally {
            context.close();
        }
    }
}
