package dev.rebound.jms;

import dev.rebound.ReboundException;
import jakarta.jms.JMSProducer;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A batch of messages sent at once ({@link JmsChannel#enqueueAll}, a relay's batch of rows), all or none:
 *
 * <ul>
 *   <li>stand-alone XA ({@code rebound.jms.transactions=xa}, or {@code auto} with an XA connection factory and a
 *       transaction manager) inside a JTA transaction: one XA context enlisted in the caller's transaction, one XA
 *       branch for the whole batch, committed (two-phase) with the caller's database work, closed after the
 *       completion: a relay whose database commit fails sends nothing, so that the batch is relayed exactly once;</li>
 *   <li>in a server ({@code jta}): the container's context, which joins the caller's transaction ({@link Sender});</li>
 *   <li>otherwise ({@code local}, or no transaction): one transacted session committed once, before this returns,
 *       with the channel's retries and time bound ({@link Sender}; a commit that may have committed is never sent
 *       again). A caller whose own commit fails afterwards sends the batch again: at-least-once.</li>
 * </ul>
 *
 * Thread-safe.
 */
final class BatchSends {

    private static final Logger LOG = Logger.getLogger(BatchSends.class.getName());

    private final Sender sender;
    private final Supplier<ConsumerTransactions> mode;
    private final Supplier<XAConnectionFactory> xaFactory;
    private final Supplier<Optional<TransactionManager>> tm;
    /**
     * XA contexts whose transaction committed, for the next batch: a new context is a new connection (several
     * blocking round trips); an XA session is enlisted in one transaction after the other, as a consumer's is.
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<XAJMSContext> idle =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger idleCount = new java.util.concurrent.atomic.AtomicInteger();
    /** Idle XA contexts kept at most; more are closed. */
    static final int MAX_IDLE = 16;

    BatchSends(Sender sender, Supplier<ConsumerTransactions> mode, Supplier<XAConnectionFactory> xaFactory,
               Supplier<Optional<TransactionManager>> tm) {
        this.sender = sender;
        this.mode = Once.of(mode);
        this.xaFactory = Once.of(xaFactory);
        this.tm = Once.of(tm);
    }

    /**
     * Sends the batch, in order.
     *
     * @throws ReboundException when it was not sent (REBOUND-3055; 3058 when the XA branch could not be joined):
     *                          none of it was then, or (XA) none of it will be once the caller rolls back
     */
    void send(List<Outgoing> batch) {
        Transaction joined = mode.get() == ConsumerTransactions.XA ? active() : null;
        if (joined != null) {
            sendXa(joined, batch);
            return;
        }
        try {
            sender.send(batch, () -> false);
        } catch (Sender.Failed e) {
            throw new ReboundException(JmsDiagnostics.notSent(Sender.queues(batch), e.attempts(), e.getCause()),
                    e.getCause());
        }
    }

    /** Closes the idle XA contexts (the transport stops). */
    void close() {
        XAJMSContext context;
        while ((context = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            closeQuietly(context);
        }
    }

    /** The caller's active transaction, or {@code null}. */
    private Transaction active() {
        Optional<TransactionManager> manager = tm.get();
        if (manager.isEmpty()) {
            return null;
        }
        try {
            return manager.get().getStatus() == Status.STATUS_ACTIVE ? manager.get().getTransaction() : null;
        } catch (jakarta.transaction.SystemException e) {
            return null;
        }
    }

    /**
     * One XA context for the batch, enlisted in the transaction and closed when it completes. No retry here: a
     * failure leaves the transaction to roll back (the caller's, a relay's, backs off and tries the batch again).
     */
    private void sendXa(Transaction transaction, List<Outgoing> batch) {
        XAJMSContext context;
        try {
            context = idle.pollFirst();
            if (context != null) {
                idleCount.decrementAndGet();
            } else {
                context = xaFactory.get().createXAContext();
            }
        } catch (RuntimeException e) {
            throw new ReboundException(JmsDiagnostics.batchNotJoined(batch.size(), Sender.queues(batch), e), e);
        }
        try {
            transaction.registerSynchronization(new Closing(context, this));
        } catch (Exception | Error e) {
            closeQuietly(context);
            throw new ReboundException(JmsDiagnostics.batchNotJoined(batch.size(), Sender.queues(batch), e), e);
        }
        try {
            if (!transaction.enlistResource(context.getXAResource())) {
                throw new IllegalStateException("the transaction manager refused the XA resource");
            }
            JMSProducer producer = context.createProducer();
            Sender.sendAll(context, producer, batch);
        } catch (Exception | Error e) {
            try {
                transaction.setRollbackOnly();
            } catch (Exception | Error ignored) {
                // the caller rolls back anyway
            }
            throw new ReboundException(JmsDiagnostics.batchNotJoined(batch.size(), Sender.queues(batch), e), e);
        }
    }

    /**
     * Gives a batch's XA context back for the next batch once its transaction committed; closes it when the
     * transaction rolled back (a broker that refused, a connection that failed: a new context next time).
     */
    private record Closing(XAJMSContext context, BatchSends owner) implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED && owner.idleCount.incrementAndGet() <= MAX_IDLE) {
                owner.idle.offerFirst(context);
                return;
            }
            if (status == Status.STATUS_COMMITTED) {
                owner.idleCount.decrementAndGet();
            }
            closeQuietly(context);
        }
    }

    private static void closeQuietly(XAJMSContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a batch's XA context failed", e);
        }
    }
}
