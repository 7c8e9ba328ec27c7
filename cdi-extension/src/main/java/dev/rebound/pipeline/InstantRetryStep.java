package dev.rebound.pipeline;

import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.MessageContext;
import dev.rebound.core.OptimisticLocks;
import dev.rebound.core.Pipeline;
import dev.rebound.core.Unrecoverable;
import dev.rebound.core.tx.Transactions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Retries the steps inside it at once when they fail with a retryable exception. Only the outermost
 * retrying entry point on a thread retries: a nested entry point's failure propagates to it, so that
 * retries never multiply.
 *
 * <p>Retries run only where each attempt can start clean. An attempt that joins the caller's transaction (the
 * entry point is {@code REQUIRED}, {@code MANDATORY}, {@code SUPPORTS} or not transactional, and the caller has a
 * transaction) runs once: its failure dooms (or leaves half its writes in) a transaction that Rebound cannot roll
 * back on its own, so a "retry" would run in it and could only return a result that is rolled back later.
 */
public final class InstantRetryStep implements Pipeline {

    private static final Logger LOG = Logger.getLogger(InstantRetryStep.class.getName());

    private final Pipeline next;
    private final int maxRetries;
    private final List<Class<? extends Throwable>> retryOn;
    private final List<Class<? extends Throwable>> abortOn;
    private final MessageContext context;
    private final Transactions transactions;
    private final boolean joinsCallerTransaction;
    private final FailureExecutor executor;
    private final AtomicBoolean skipNoted = new AtomicBoolean();

    /**
     * @param maxRetries retries after the first attempt, 0 or more
     * @param retryOn exception types to retry (with subclasses); empty means all
     * @param abortOn exception types never retried (with subclasses), whatever {@code retryOn} says
     * @param joinsCallerTransaction whether an attempt runs in the caller's transaction when there is one (its
     *     transaction type is not {@code REQUIRES_NEW}, {@code NOT_SUPPORTED} or {@code NEVER})
     */
    public InstantRetryStep(Pipeline next, int maxRetries, List<Class<? extends Throwable>> retryOn,
                            List<Class<? extends Throwable>> abortOn, MessageContext context, Transactions transactions, boolean joinsCallerTransaction,
                            FailureExecutor executor) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        this.next = next;
        this.maxRetries = maxRetries;
        this.retryOn = List.copyOf(retryOn);
        this.abortOn = List.copyOf(abortOn);
        this.context = context;
        this.transactions = transactions;
        this.joinsCallerTransaction = joinsCallerTransaction;
        this.executor = executor;
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        if (context.retrying()) {
            return next.handle(delivery);
        }
        if (joinsCallerTransaction && Transactions.isActive(transactions.currentStatus())) {
            if (skipNoted.compareAndSet(false, true)) {
                LOG.info(Diagnostics.retriesSkippedInCallerTransaction(delivery.origin()));
            }
            return next.handle(delivery);
        }
        context.markRetrying();
        try {
            for (int retry = 0; ; retry++) {
                try {
                    return next.handle(delivery);
                } catch (Throwable failure) {
                    if (Unrecoverable.any(abortOn, failure) || OptimisticLocks.stale(failure)) {
                        executor.unrecoverable(delivery, failure);
                        throw failure;
                    }
                    if (retry >= maxRetries || !retryable(failure)) {
                        throw failure;
                    }
                    executor.instantRetry(delivery, failure, retry + 1, maxRetries);
                    delivery.nextAttempt();
                }
            }
        } finally {
            context.stopRetrying();
        }
    }

    private boolean retryable(Throwable failure) {
        return retryOn.isEmpty() || Unrecoverable.any(retryOn, failure);
    }
}
