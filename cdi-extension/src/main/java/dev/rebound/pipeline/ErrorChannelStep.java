package dev.rebound.pipeline;

import dev.rebound.ErrorMessage;
import dev.rebound.core.Delivery;
import dev.rebound.core.Pipeline;
import dev.rebound.core.tx.Transactions;
import jakarta.transaction.Status;

/**
 * Outermost step of an entry point: a failure of the steps inside (after their retries and rollbacks) is
 * sent as an {@link ErrorMessage} to the error channel and the caller gets {@code null}. When the error
 * channel is an asynchronous (queue) channel, the failed message itself is put on that queue, to be handled
 * again by its consumer with that channel's error handling. If the channel
 * itself fails, the original failure propagates with the channel's failure suppressed, so nothing is
 * hidden and nothing is lost silently.
 *
 * <p>The capture never belongs to the caller's transaction: when the caller has one, the channel is called in a
 * transaction of its own (the caller's suspended), so that the caller's rollback cannot take the queued message
 * or the internal handler's work with it. When the caller's transaction is marked rollback-only (the failed
 * attempt joined it), the caller gets the failure back after the capture: it can only roll back, and a
 * {@code null} would hide that.
 */
public final class ErrorChannelStep implements Pipeline {

    private final Pipeline next;
    private final String channel;
    private final Transactions transactions;
    private final FailureExecutor executor;

    public ErrorChannelStep(Pipeline next, String channel, Transactions transactions, FailureExecutor executor) {
        this.next = next;
        this.channel = channel;
        this.transactions = transactions;
        this.executor = executor;
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        try {
            return next.handle(delivery);
        } catch (Throwable failure) {
            int status = transactions.currentStatus();
            boolean rollbackOnly = status == Status.STATUS_MARKED_ROLLBACK;
            try {
                if (Transactions.isActive(status)) {
                    transactions.inNewTransaction(() -> {
                        executor.capture(channel, delivery, failure);
                        return null;
                    });
                } else {
                    executor.capture(channel, delivery, failure);
                }
            } catch (Throwable routing) {
                failure.addSuppressed(routing);
                throw failure;
            }
            executor.captured(channel, delivery, failure, rollbackOnly);
            if (rollbackOnly) {
                throw failure;
            }
            return null;
        }
    }
}
