package dev.rebound.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

/**
 * A server's container-managed connection factory: a context created inside a JTA transaction joins it, so
 * every unit begins a transaction and opens a context in it. Receive, handler and acknowledgement commit
 * together (XA with the data source). The server pools the connections behind the contexts.
 */
final class ContainerSession extends JtaSession {

    private final ConnectionFactory factory;
    private final QueueRef queue;
    private JMSContext context;
    private JMSConsumer consumer;

    ContainerSession(ConnectionFactory factory, QueueRef queue, TransactionManager tm) {
        super(tm);
        this.factory = factory;
        this.queue = queue;
    }

    @Override
    synchronized JMSConsumer join(Transaction transaction) {
        context = factory.createContext();
        consumer = context.createConsumer(queue.in(context));
        return consumer;
    }

    @Override
    public synchronized JMSContext context() {
        return context;
    }

    @Override
    void endUnit() {
        release();
    }

    @Override
    synchronized void release() {
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
