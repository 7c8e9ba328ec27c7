package dev.rebound.jms;

import dev.rebound.ReboundException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An XA session of a stand-alone JMS client, kept for the consumer's life and enlisted in a new JTA
 * transaction for every message: receive, handler and acknowledgement commit together (two-phase with the
 * database). Used outside a server when the connection factory is an {@link XAConnectionFactory}.
 */
final class XaSession implements ConsumerSession {

    private static final Logger LOG = Logger.getLogger(XaSession.class.getName());

    private final TransactionManager tm;
    private final XAJMSContext context;
    private final JMSConsumer consumer;
    private volatile Transaction current;

    XaSession(XAConnectionFactory factory, QueueRef queue, TransactionManager tm) {
        this.tm = tm;
        context = factory.createXAContext();
        try {
            consumer = context.createConsumer(queue.in(context));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public Message receive(long timeoutMs) {
        Message message;
        try {
            tm.begin();
            current = tm.getTransaction();
            current.enlistResource(context.getXAResource());
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
            JtaUnits.commit(tm);
        } finally {
            current = null;
        }
    }

    @Override
    public void rollback() {
        current = null;
        JtaUnits.rollback(tm);
    }

    /**
     * Also called by stopping, from another thread, while a handler may still run. Its transaction is then only
     * marked rollback-only: a transaction must end on its own thread (a data source rolled back from another
     * thread may even commit instead), and closing the session under it would leave the message locked until
     * the broker's XA timeout. The consumer thread rolls back when the handler returns, and closes the session.
     */
    @Override
    public void close() {
        Transaction inFlight = current;
        if (inFlight != null) {
            JtaUnits.markRollbackOnly(inFlight);
            return;
        }
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing an XA consumer", e);
        } finally {
            context.close();
        }
    }
}
