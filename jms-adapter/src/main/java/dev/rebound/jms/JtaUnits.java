package dev.rebound.jms;

import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Ends the JTA transaction of a consumer's unit of work. */
final class JtaUnits {

    private static final Logger LOG = Logger.getLogger(JtaUnits.class.getName());

    private JtaUnits() {
    }

    /** Commits; a transaction marked rollback-only is rolled back and reported as a failed commit. */
    static void commit(TransactionManager tm) {
        try {
            if (tm.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                tm.rollback();
                throw new RollbackException("the transaction was marked for rollback only");
            }
            tm.commit();
        } catch (Exception e) {
            throw new UnitCommitException(e);
        }
    }

    static void rollback(TransactionManager tm) {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "REBOUND-3014: Could not roll back the consumer's transaction; the transaction "
                    + "manager ends it at its timeout and the broker delivers the message again", e);
        }
    }

    /** From another thread: the transaction's own thread rolls it back when it tries to commit. */
    static void markRollbackOnly(Transaction transaction) {
        try {
            transaction.setRollbackOnly();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Marking the transaction of a stopped consumer rollback-only", e);
        }
    }
}
