package dev.rebound.jms;

import dev.rebound.ReboundException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A consumer session whose unit of work is a new JTA transaction per message: receive, handler and
 * acknowledgement commit together. Subclasses say how the JMS session joins the transaction.
 */
abstract class JtaSession implements ConsumerSession {

    private static final Logger LOG = Logger.getLogger(JtaSession.class.getName());

    private final TransactionManager tm;
    private volatile Transaction current;

    JtaSession(TransactionManager tm) {
        this.tm = tm;
    }

    /** Makes the JMS session part of the transaction just begun, and returns the consumer to receive with. */
    abstract JMSConsumer join(Transaction transaction) throws Exception;

    /** Called before the transaction ends (a server's context is closed inside it). */
    void endUnit() {
    }

    /** Closes the JMS resources; called with no transaction in flight. */
    abstract void release();

    @Override
    public final Message receive(long timeoutMs) {
        Message message;
        try {
            tm.begin();
            current = tm.getTransaction();
            message = join(current).receive(timeoutMs);
        } catch (Exception e) {
            rollback();
            throw new ReboundException(JmsDiagnostics.receiveFailed(e), e);
        }
        if (message == null) {
            rollback();
        }
        return message;
    }

    @Override
    public final boolean handlerJoins() {
        return true;
    }

    /**
     * Suspends the unit's transaction, runs the work with none on the thread and resumes it. If it cannot be resumed,
     * it is rolled back (the message comes back) and the failure thrown.
     */
    @Override
    public final <T> T outside(java.util.concurrent.Callable<T> work) throws Exception {
        Transaction suspended = tm.suspend();
        try {
            return work.call();
        } finally {
            if (suspended != null) {
                try {
                    tm.resume(suspended);
                } catch (Exception e) {
                    current = null;
                    try {
                        suspended.rollback();
                    } catch (Exception ignored) {
                        // the transaction manager ends it at its timeout
                    }
                    throw e;
                }
            }
        }
    }

    /** Commits; a transaction marked rollback-only is rolled back and reported as a failed commit. */
    @Override
    public final void commit() {
        try {
            endUnit();
            if (tm.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                tm.rollback();
                throw new RollbackException("the transaction was marked for rollback only");
            }
            Transaction transaction = current;
            Completion completion = new Completion();
            if (transaction != null) {
                transaction.registerSynchronization(completion);
            }
            try {
                tm.commit();
            } catch (HeuristicMixedException heuristic) {
                if (completion.status == Status.STATUS_ROLLEDBACK) {
                    // a branch failed in prepare (a remote messaging engine or database gone) and its rollback
                    // could not be confirmed: reported as a heuristic, yet the manager rolled everything back
                    LOG.log(Level.WARNING, JmsDiagnostics.heuristicButRolledBack(heuristic));
                    throw new RolledBackAfterHeuristic(heuristic);
                }
                throw heuristic;
            }
        } catch (Exception e) {
            throw new UnitCommitException(e);
        } finally {
            current = null;
        }
    }

    /** The status the transaction completed with, as its manager tells its synchronizations. */
    private static final class Completion implements Synchronization {
        private volatile int status = Status.STATUS_UNKNOWN;

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int completed) {
            status = completed;
        }
    }

    /**
     * A commit the transaction manager reported as a heuristic outcome although it rolled every branch back (its
     * synchronizations saw {@code STATUS_ROLLEDBACK}): nothing committed, the message comes back; a lost resource
     * ({@link JmsConsumer#resourceLost}), not a heuristic to store as a dead letter.
     */
    static final class RolledBackAfterHeuristic extends RollbackException {
        RolledBackAfterHeuristic(Exception heuristic) {
            super("rolled back, though reported as " + heuristic);
            initCause(heuristic);
        }
    }

    @Override
    public final void rollback() {
        current = null;
        try {
            endUnit();
        } catch (RuntimeException ignored) {
            // the transaction's end returns the message either way
        }
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, JmsDiagnostics.rollbackFailed(), e);
        }
    }

    /**
     * Also called by stopping, from another thread, while a handler may still run. Its transaction is then only
     * marked rollback-only: a transaction must end on its own thread (a data source rolled back from another
     * thread may even commit instead), and closing the session under it would leave the message locked until
     * the broker's XA timeout. The consumer thread rolls back when the handler returns, and closes the session.
     */
    @Override
    public final void close() {
        Transaction inFlight = current;
        if (inFlight == null) {
            release();
            return;
        }
        try {
            inFlight.setRollbackOnly();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Marking the transaction of a stopped consumer rollback-only", e);
        }
    }
}
