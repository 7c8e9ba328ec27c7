package dev.rebound.jms.scenarios.dedup;

import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Jta;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * What a server's container-managed connection factory does, stand-alone (Narayana, embedded Artemis), for
 * {@code rebound.jms.transactions=jta}: a context created inside a JTA transaction joins it (its XA resource is
 * enlisted) and its {@code close()} there waits for the transaction's end; outside one, a plain context.
 */
final class ManagedConnectionFactory implements ConnectionFactory {

    private final XAConnectionFactory xa;
    private final ConnectionFactory plain;
    private final TransactionManager tm;

    ManagedConnectionFactory(ConnectionFactory broker, TransactionManager tm) {
        this.xa = (XAConnectionFactory) broker;
        this.plain = broker;
        this.tm = tm;
    }

    @Override
    public JMSContext createContext() {
        Transaction transaction = activeTransaction();
        if (transaction == null) {
            return plain.createContext();
        }
        XAJMSContext context = xa.createXAContext();
        try {
            transaction.enlistResource(context.getXAResource());
        } catch (Exception e) {
            context.close();
            throw new JMSRuntimeException("could not enlist the context: " + e);
        }
        return (JMSContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        closeAtEnd(transaction, context);
                        return null;
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** As a server does: the connection goes back only when the transaction it works for has ended. */
    private static void closeAtEnd(Transaction transaction, XAJMSContext context) throws Exception {
        int status = transaction.getStatus();
        if (status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK) {
            transaction.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int outcome) {
                    context.close();
                }
            });
        } else {
            context.close();
        }
    }

    private Transaction activeTransaction() {
        try {
            Transaction transaction = tm.getTransaction();
            return transaction != null && transaction.getStatus() == Status.STATUS_ACTIVE ? transaction : null;
        } catch (Exception e) {
            throw new JMSRuntimeException("no transaction status: " + e);
        }
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return createContext();
    }

    @Override
    public Connection createConnection() throws JMSException {
        return plain.createConnection();
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return plain.createConnection(userName, password);
    }

    /** Replaces the broker's factory of the test profile by the managed one. */
    @Alternative
    @Priority(100)
    @ApplicationScoped
    public static class Resources {

        private static final ConnectionFactory FACTORY = new ManagedConnectionFactory(Broker.connectionFactory(),
                Jta.transactionManager());

        @Produces
        @Alternative
        @Priority(100)
        ConnectionFactory connectionFactory() {
            return FACTORY;
        }
    }
}
