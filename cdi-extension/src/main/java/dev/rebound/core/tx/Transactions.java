package dev.rebound.core.tx;

import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * JTA demarcation on a {@link TransactionManager} that is looked up once, on first use. Thread-safe.
 */
public final class Transactions {

    /**
     * The JNDI names a TransactionManager is looked up by when it is no CDI bean, in this order: where servers bind it
     * (Liberty and Resin, GlassFish/Payara, WildFly). The message of a missing one lists these same names.
     */
    public static final List<String> MANAGER_NAMES = List.of(
            "java:comp/TransactionManager", "java:appserver/TransactionManager", "java:/TransactionManager",
            "java:jboss/TransactionManager");

    private final Supplier<TransactionManager> lookup;
    private volatile TransactionManager manager;
    private volatile Boolean available;

    public Transactions(Supplier<TransactionManager> lookup) {
        this.lookup = lookup;
    }

    public TransactionManager manager() {
        TransactionManager m = manager;
        if (m == null) {
            m = lookup.get();
            manager = m;
        }
        return m;
    }

    /** A piece of work that may throw anything. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Throwable;
    }

    /** Whether a transaction manager can be had at all; asked once. */
    public boolean available() {
        Boolean known = available;
        if (known == null) {
            try {
                manager();
                known = true;
            } catch (RuntimeException none) {
                known = false;
            }
            available = known;
        }
        return known;
    }

    public boolean active() throws SystemException {
        return isActive(manager().getStatus());
    }

    /** The current thread's transaction status; {@code STATUS_NO_TRANSACTION} when there is no manager at all. */
    public int currentStatus() throws SystemException {
        return available() ? manager().getStatus() : Status.STATUS_NO_TRANSACTION;
    }

    /** Whether a transaction in this status is the thread's current one (work done now would belong to it). */
    public static boolean isActive(int status) {
        return status != Status.STATUS_NO_TRANSACTION && status != Status.STATUS_COMMITTED
                && status != Status.STATUS_ROLLEDBACK && status != Status.STATUS_UNKNOWN;
    }

    /**
     * Runs the work in a transaction of its own, suspending the caller's: committed if the work returns,
     * rolled back if it throws (and the failure rethrown unchanged).
     */
    public <T> T inNewTransaction(Work<T> work) throws Throwable {
        TransactionManager tm = manager();
        Transaction suspended = active() ? tm.suspend() : null;
        try {
            return inTransaction(work);
        } finally {
            if (suspended != null) {
                tm.resume(suspended);
            }
        }
    }

    /** Begins, runs and commits; rolls back and rethrows if the work throws. */
    <T> T inTransaction(Work<T> work) throws Throwable {
        return inTransaction(work, failure -> false, "work");
    }

    /**
     * Begins, runs and commits. If the work throws, the transaction is rolled back, or committed when
     * {@code commitDespite} says so, and the failure rethrown unchanged. A transaction marked
     * rollback-only by the work is rolled back and reported as a {@link RollbackException}.
     */
    public <T> T inTransaction(Work<T> work, Predicate<Throwable> commitDespite, String what) throws Throwable {
        TransactionManager tm = manager();
        tm.begin();
        T result;
        try {
            result = work.run();
        } catch (Throwable failure) {
            if (commitDespite.test(failure)) {
                tm.commit();
            } else {
                rollbackQuietly(tm, failure);
            }
            throw failure;
        }
        if (tm.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
            tm.rollback();
            throw new RollbackException("Transaction of " + what + " was marked for rollback only");
        }
        tm.commit();
        return result;
    }

    static void rollbackQuietly(TransactionManager tm, Throwable failure) {
        try {
            tm.rollback();
        } catch (Throwable rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
