package dev.rebound.jms;

import dev.rebound.ReboundException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The messages sent in a JTA transaction, held until just before its commit and then sent together, in one
 * session ({@link Sender}): nothing leaves when the transaction rolls back, and the business code makes no
 * broker round trip. Sent from an interposed {@link Synchronization} (after the application's own, such as JPA's
 * flush), so a failure to send rolls the transaction back: never a commit whose messages were lost. Found
 * through the {@link TransactionSynchronizationRegistry} (a CDI bean, or the server's in JNDI), else the
 * {@link TransactionManager}; without either, sends are immediate. Thread-safe.
 *
 * <p>Outside a server this is what ties the sends to the commit; in a server (mode {@code jta}) the container's
 * context joins the transaction anyway, and deferring adds one session for all of a transaction's messages and
 * keeps the round trips out of the business code.
 */
final class DeferredSends {

    private static final Logger LOG = Logger.getLogger(DeferredSends.class.getName());

    private final Supplier<Transactions> transactions;
    private final Sender sender;

    DeferredSends(Supplier<Transactions> transactions, Sender sender) {
        this.transactions = Once.of(transactions);
        this.sender = sender;
    }

    /**
     * Keeps the message for the commit of the current transaction.
     *
     * @return false when there is no transaction to join (or its commit has begun): the caller sends now
     */
    boolean add(Outgoing outgoing) {
        Transactions tx = transactions.get();
        Object key = tx.active();
        if (key == null) {
            return false;
        }
        Batch batch = tx.batch(key);
        if (batch == null) {
            batch = new Batch(tx, key);
            try {
                tx.register(key, batch);
            } catch (IllegalStateException | jakarta.transaction.RollbackException | SystemException e) {
                return false;          // the commit has begun (a send from another synchronization): now
            }
        }
        return batch.add(outgoing);
    }

    /** Marks the current transaction, if any, for rollback: one of its messages could not be written. */
    boolean doom() {
        Transactions tx = transactions.get();
        if (tx.active() == null) {
            return false;
        }
        tx.rollbackOnly();
        return true;
    }

    /** The messages of one transaction; sent by its {@link #beforeCompletion()}. */
    private final class Batch implements Synchronization {

        private final Transactions tx;
        private final Object key;
        private final List<Outgoing> messages = new ArrayList<>();
        private boolean flushing;

        Batch(Transactions tx, Object key) {
            this.tx = tx;
            this.key = key;
        }

        synchronized boolean add(Outgoing outgoing) {
            if (flushing) {
                return false;          // sent by a fallback or a later synchronization while this one sends
            }
            messages.add(outgoing);
            return true;
        }

        @Override
        public void beforeCompletion() {
            List<Outgoing> batch;
            synchronized (this) {
                flushing = true;
                batch = List.copyOf(messages);
            }
            if (batch.isEmpty() || tx.doomed()) {
                return;
            }
            try {
                sender.send(batch, tx::doomed);
            } catch (Sender.Failed e) {
                String text = JmsDiagnostics.notSentAtCommit(batch.size(), Sender.channels(batch), e.attempts(),
                        e.getCause());
                LOG.log(Level.WARNING, text, e.getCause());
                tx.rollbackOnly();
                throw new ReboundException(text, e.getCause());
            }
        }

        @Override
        public void afterCompletion(int status) {
            tx.completed(key);
        }
    }

    /** The transaction of the current thread: through the registry (interposed), or the manager. */
    interface Transactions {

        /** The current transaction's key, or {@code null} when none is active. */
        Object active();

        /** The batch kept for it, or {@code null}. */
        Batch batch(Object key);

        /** Registers the batch to be sent before the commit. */
        void register(Object key, Synchronization batch) throws jakarta.transaction.RollbackException,
                SystemException;

        boolean doomed();

        void rollbackOnly();

        /** The transaction ended: its batch is forgotten. */
        default void completed(Object key) {
        }

        Transactions NONE = new Transactions() {
            @Override
            public Object active() {
                return null;
            }

            @Override
            public Batch batch(Object key) {
                return null;
            }

            @Override
            public void register(Object key, Synchronization batch) {
                throw new IllegalStateException("no transaction");
            }

            @Override
            public boolean doomed() {
                return false;
            }

            @Override
            public void rollbackOnly() {
            }
        };
    }

    /** The registry's: the batch is a resource of the transaction, the synchronization interposed. */
    static Transactions of(TransactionSynchronizationRegistry registry) {
        Object resource = new Object();          // this transport's key among the transaction's resources
        return new Transactions() {
            @Override
            public Object active() {
                int status = registry.getTransactionStatus();
                return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK
                        ? registry.getTransactionKey() : null;
            }

            @Override
            public Batch batch(Object key) {
                return (Batch) registry.getResource(resource);
            }

            @Override
            public void register(Object key, Synchronization batch) {
                registry.registerInterposedSynchronization(batch);
                registry.putResource(resource, batch);
            }

            @Override
            public boolean doomed() {
                return registry.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK;
            }

            @Override
            public void rollbackOnly() {
                registry.setRollbackOnly();
            }
        };
    }

    /** The manager's, where no registry can be found: batches kept by transaction until it completes. */
    static Transactions of(TransactionManager manager) {
        Map<Transaction, Batch> batches = new ConcurrentHashMap<>();
        return new Transactions() {
            @Override
            public Object active() {
                try {
                    int status = manager.getStatus();
                    return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK
                            ? manager.getTransaction() : null;
                } catch (SystemException e) {
                    return null;
                }
            }

            @Override
            public Batch batch(Object key) {
                return batches.get((Transaction) key);
            }

            @Override
            public void register(Object key, Synchronization batch) throws jakarta.transaction.RollbackException,
                    SystemException {
                ((Transaction) key).registerSynchronization(batch);
                batches.put((Transaction) key, (Batch) batch);
            }

            @Override
            public boolean doomed() {
                try {
                    return manager.getStatus() == Status.STATUS_MARKED_ROLLBACK;
                } catch (SystemException e) {
                    return true;
                }
            }

            @Override
            public void rollbackOnly() {
                try {
                    manager.setRollbackOnly();
                } catch (IllegalStateException | SystemException e) {
                    LOG.log(Level.FINE, "no transaction to mark for rollback", e);
                }
            }

            @Override
            public void completed(Object key) {
                batches.remove((Transaction) key);
            }
        };
    }

    /** The registry as a CDI bean, else the server's in JNDI, else the transaction manager, else none. */
    static Transactions find(Supplier<TransactionSynchronizationRegistry> bean,
                             Supplier<Optional<TransactionManager>> manager) {
        TransactionSynchronizationRegistry registry = bean.get();
        if (registry == null) {
            try {
                if (new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry")
                        instanceof TransactionSynchronizationRegistry found) {
                    registry = found;
                }
            } catch (NamingException | RuntimeException notInJndi) {
                // outside a server: the manager, below
            }
        }
        if (registry != null) {
            return of(registry);
        }
        return manager.get().map(DeferredSends::of).orElse(Transactions.NONE);
    }
}
