package dev.rebound.jms;

import dev.rebound.ReboundException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

/**
 * A server's container-managed connection factory: a context created inside a JTA transaction joins it, so
 * every unit begins a transaction and opens a context in it. Receive, handler and acknowledgement commit
 * together (XA with the data source). The server pools the connections behind the contexts.
 */
final class ContainerSession implements ConsumerSession {

    private final ConnectionFactory factory;
    private final QueueRef queue;
    private final TransactionManager tm;
    private JMSContext context;
    private JMSConsumer consumer;
    private volatile Transaction current;

    ContainerSession(ConnectionFactory factory, QueueRef queue, TransactionManager tm) {
        this.factory = factory;
        this.queue = queue;
        this.tm = tm;
    }

    @Override
    public Message receive(long timeoutMs) {
        Message message;
        try {
            tm.begin();
            current = tm.getTransaction();
            context = factory.createContext();
            consumer = context.createConsumer(queue.in(context));
            message = consumer.receive(timeoutMs);
        } catch (Exception e) {
            rollback();
            throw new ReboundException("REBOUND-3012: Could not receive in a JTA transaction: " + e, e);
        }
        if (message == null) {
            rollback();
        }
        return message;
    }

    @Override
    public JMSContext context() {
        return context;
    }

    @Override
    public boolean handlerJoins() {
        return true;
    }

    @Override
    public void commit() {
        try {
            closeContext();
            JtaUnits.commit(tm);
        } finally {
            current = null;
        }
    }

    @Override
    public void rollback() {
        current = null;
        try {
            closeContext();
        } catch (RuntimeException ignored) {
            // the transaction's end returns the message either way
        }
        JtaUnits.rollback(tm);
    }

    /** Called by stopping from another thread: see {@link XaSession#close()}. */
    @Override
    public void close() {
        Transaction inFlight = current;
        if (inFlight != null) {
            JtaUnits.markRollbackOnly(inFlight);
            return;
        }
        closeContext();
    }

    private synchronized void closeContext() {
        try {
            if (consumer != null) {
                consumer.close();
            }
        } finally {
            consumer = null;
            if (context != null) {
                JMSContext closing = context;
                context = null;
                closing.close();
            }
        }
    }
}
