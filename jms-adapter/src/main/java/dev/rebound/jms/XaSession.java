package dev.rebound.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
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
final class XaSession extends JtaSession {

    private static final Logger LOG = Logger.getLogger(XaSession.class.getName());

    private final XAJMSContext context;
    private final JMSConsumer consumer;

    XaSession(XAConnectionFactory factory, QueueRef queue, TransactionManager tm) {
        super(tm);
        context = factory.createXAContext();
        try {
            consumer = context.createConsumer(queue.in(context));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    JMSConsumer join(Transaction transaction) throws Exception {
        transaction.enlistResource(context.getXAResource());
        return consumer;
    }

    @Override
    public JMSContext context() {
        return context;
    }

    @Override
    void release() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing an XA consumer", e);
        } finally {
            context.close();
        }
    }
}
