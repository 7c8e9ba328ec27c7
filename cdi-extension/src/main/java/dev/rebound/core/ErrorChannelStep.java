package dev.rebound.core;

import dev.rebound.ErrorMessage;
import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.core.tx.Transactions;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import jakarta.transaction.Status;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(ErrorChannelStep.class.getName());

    private final Pipeline next;
    private final String channel;
    private final ChannelRegistry channels;
    private final Failures failures;
    private final Transactions transactions;
    private final FailureLog log;

    public ErrorChannelStep(Pipeline next, String channel, ChannelRegistry channels, Failures failures,
                            Transactions transactions, FailureLog log) {
        this.next = next;
        this.channel = channel;
        this.channels = channels;
        this.failures = failures;
        this.transactions = transactions;
        this.log = log;
    }

    /** The failed message for the asynchronous error channel's consumer, to run the handler again from there. */
    private static Envelope retryEnvelope(Delivery delivery) {
        HandlerMethod handler = delivery.currentHandler();
        return new Envelope(delivery.message(), handler == null ? null : handler.id(), delivery.route().kind().name(),
                delivery.attempts() + 1, delivery.origin());
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
                    transactions.inNewTransaction(() -> capture(delivery, failure));
                } else {
                    capture(delivery, failure);
                }
            } catch (Throwable routing) {
                failure.addSuppressed(routing);
                throw failure;
            }
            LOG.log(Level.WARNING, rollbackOnly ? Diagnostics.CAPTURED_AND_RETHROWN : Diagnostics.CAPTURED,
                    new Object[] {delivery.message().headers().messageId(), delivery.origin(),
                            String.valueOf(delivery.attempts()), log.describe(failure), channel});
            if (rollbackOnly) {
                throw failure;
            }
            return null;
        }
    }

    private Object capture(Delivery delivery, Throwable failure) {
        QueueChannel queue = channels.queue(channel);
        if (queue != null) {
            queue.enqueue(retryEnvelope(delivery), 0);
            return null;
        }
        MessageHeaders original = delivery.message().headers();
        ErrorMessage error = failures.errorMessage(delivery, failure);
        channels.send(channel, new Message(error, new MessageHeaders(original.messageId(),
                original.correlationId(), original.causationId(), error.failedAt(),
                original.routingKey(), original.metadata())));
        return null;
    }
}
