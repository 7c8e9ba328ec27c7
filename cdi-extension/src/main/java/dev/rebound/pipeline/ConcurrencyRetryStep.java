package dev.rebound.pipeline;

import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.OptimisticLockRetry;
import dev.rebound.core.OptimisticLocks;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.ToIntFunction;
import java.util.logging.Logger;

/**
 * Retries the steps inside it when they fail with an optimistic-lock conflict ({@link OptimisticLocks}): after a
 * short back-off with jitter, as the next attempt (the handler's {@code Attempt} and the interceptors see it).
 * It sits outside the transaction step, so that each attempt runs in a transaction of its own with a fresh
 * persistence context: a retry inside the failed transaction would meet a rollback-only transaction and the stale
 * entities again (MicroProfile Fault Tolerance's {@code @Retry} inside {@code @Transactional},
 * microprofile-fault-tolerance#605).
 *
 * <p>Its budget is its own: a conflict retried here does not count as one of {@code @InstantRetry}'s retries, and
 * an instant retry outside it starts a new budget. Like {@link InstantRetryStep}, it never retries an attempt that
 * joins the caller's transaction: the conflict doomed that transaction, only its owner can start again. Nothing
 * is looked up or allocated on the way of a message that succeeds, beyond the transaction status check an entry
 * point that may join its caller's transaction makes. Thread-safe.
 */
public final class ConcurrencyRetryStep implements Pipeline {

    private static final Logger LOG = Logger.getLogger(ConcurrencyRetryStep.class.getName());

    private final Pipeline next;
    private final OptimisticLocks locks;
    private final OptimisticLockRetry settings;
    private final ToIntFunction<Delivery> maxRetries;
    private final Transactions transactions;
    private final boolean joinsCallerTransaction;
    private final FailureExecutor executor;
    private final DoubleSupplier random;
    private final AtomicBoolean skipNoted = new AtomicBoolean();

    /**
     * @param maxRetries the budget of the delivery that failed (read after a conflict only)
     * @param joinsCallerTransaction whether an attempt runs in the caller's transaction when there is one
     * @param random the jitter, in [0, 1)
     */
    public ConcurrencyRetryStep(Pipeline next, OptimisticLocks locks, OptimisticLockRetry settings,
                                ToIntFunction<Delivery> maxRetries, Transactions transactions,
                                boolean joinsCallerTransaction, FailureExecutor executor, DoubleSupplier random) {
        this.next = next;
        this.locks = locks;
        this.settings = settings;
        this.maxRetries = maxRetries;
        this.transactions = transactions;
        this.joinsCallerTransaction = joinsCallerTransaction;
        this.executor = executor;
        this.random = random;
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        if (joinsCallerTransaction && Transactions.isActive(transactions.currentStatus())) {
            return inCallerTransaction(delivery);
        }
        for (int retry = 1; ; retry++) {
            try {
                return next.handle(delivery);
            } catch (Throwable failure) {
                if (!locks.conflict(failure)) {
                    throw failure;
                }
                int budget = maxRetries.applyAsInt(delivery);
                if (retry > budget) {
                    if (budget > 0) {
                        executor.optimisticLockExhausted(delivery, failure, budget);
                    }
                    throw failure;
                }
                long delay = settings.delayMs(retry, random.getAsDouble());
                executor.optimisticLockRetry(delivery, failure, retry, budget, delay);
                pause(delay, failure);
                delivery.nextAttempt();
            }
        }
    }

    private Object inCallerTransaction(Delivery delivery) throws Throwable {
        try {
            return next.handle(delivery);
        } catch (Throwable failure) {
            if (locks.conflict(failure) && skipNoted.compareAndSet(false, true)) {
                LOG.info(Diagnostics.optimisticLockInCallerTransaction(delivery.origin()));
            }
            throw failure;
        }
    }

    /** Waits out the back-off; interrupted (shutting down), it gives up and the failure goes on. */
    private static void pause(long delayMs, Throwable failure) throws Throwable {
        if (delayMs <= 0) {
            return;
        }
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
