package dev.rebound.pipeline;

import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.TransactionalException;
import java.util.List;

/**
 * Runs the steps inside it in a JTA transaction, as {@code @Transactional} on the entry point asks. Any
 * failure rolls the transaction back (or marks a joined one rollback-only) before it propagates, so an
 * error channel outside this step sees the failure only after the handler's writes are gone. Exception
 * types listed in {@code dontRollbackOn} are the exception: the transaction commits and they propagate.
 */
public final class TransactionStep implements Pipeline {

    private final Pipeline next;
    private final Transactions transactions;
    private final TxType type;
    private final List<Class<?>> dontRollbackOn;

    public TransactionStep(Pipeline next, Transactions transactions, TxType type, List<Class<?>> dontRollbackOn) {
        this.next = next;
        this.transactions = transactions;
        this.type = type;
        this.dontRollbackOn = List.copyOf(dontRollbackOn);
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        boolean active = transactions.active();
        return switch (type) {
            case REQUIRED -> active ? joined(delivery) : owned(delivery);
            case REQUIRES_NEW -> suspended(delivery, true);
            case MANDATORY -> {
                if (!active) {
                    throw new TransactionalException(Diagnostics.transactionRequired(delivery.origin()), null);
                }
                yield joined(delivery);
            }
            case SUPPORTS -> active ? joined(delivery) : next.handle(delivery);
            case NOT_SUPPORTED -> active ? suspended(delivery, false) : next.handle(delivery);
            case NEVER -> {
                if (active) {
                    throw new TransactionalException(Diagnostics.transactionForbidden(delivery.origin()), null);
                }
                yield next.handle(delivery);
            }
        };
    }

    private Object owned(Delivery delivery) throws Throwable {
        return transactions.inTransaction(() -> next.handle(delivery), this::keepsTransaction, delivery.origin());
    }

    private Object joined(Delivery delivery) throws Throwable {
        try {
            return next.handle(delivery);
        } catch (Throwable failure) {
            if (!keepsTransaction(failure)) {
                transactions.manager().setRollbackOnly();
            }
            throw failure;
        }
    }

    private Object suspended(Delivery delivery, boolean newTransaction) throws Throwable {
        TransactionManager tm = transactions.manager();
        Transaction outer = transactions.active() ? tm.suspend() : null;
        try {
            return newTransaction ? owned(delivery) : next.handle(delivery);
        } finally {
            if (outer != null) {
                tm.resume(outer);
            }
        }
    }

    private boolean keepsTransaction(Throwable failure) {
        for (Class<?> type : dontRollbackOn) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }
}
