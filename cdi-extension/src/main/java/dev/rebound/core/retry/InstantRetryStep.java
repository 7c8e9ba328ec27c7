package dev.rebound.core.retry;

import dev.rebound.core.Delivery;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.MessageContext;
import dev.rebound.core.Observers;
import dev.rebound.core.Pipeline;
import dev.rebound.spi.MessageObserver;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Retries the steps inside it at once when they fail with a retryable exception. Only the outermost
 * retrying entry point on a thread retries: a nested entry point's failure propagates to it, so that
 * retries never multiply.
 */
public final class InstantRetryStep implements Pipeline {

    private static final Logger LOG = Logger.getLogger(InstantRetryStep.class.getName());

    private final Pipeline next;
    private final int retryTimes;
    private final List<Class<? extends Throwable>> retryOn;
    private final MessageContext context;
    private final Observers observers;

    /**
     * @param retryTimes retries after the first attempt, 0 or more
     * @param retryOn exception types to retry (with subclasses); empty means all
     */
    public InstantRetryStep(Pipeline next, int retryTimes, List<Class<? extends Throwable>> retryOn,
                            MessageContext context, Observers observers) {
        if (retryTimes < 0) {
            throw new IllegalArgumentException("retryTimes must not be negative: " + retryTimes);
        }
        this.next = next;
        this.retryTimes = retryTimes;
        this.retryOn = List.copyOf(retryOn);
        this.context = context;
        this.observers = observers;
    }

    @Override
    public Object handle(Delivery delivery) throws Throwable {
        if (!context.startRetrying()) {
            return next.handle(delivery);
        }
        try {
            for (int retry = 0; ; retry++) {
                try {
                    return next.handle(delivery);
                } catch (Throwable failure) {
                    if (retry >= retryTimes || !retryable(failure)) {
                        throw failure;
                    }
                    LOG.log(Level.FINE, "Retrying message {0} after failure {1} (retry {2} of {3})",
                            new Object[] {delivery.message().headers().messageId(), failure, retry + 1, retryTimes});
                    HandlerMethod failed = delivery.currentHandler();
                    observers.retried(failed == null ? null : failed.asyncChannel(), failed == null ? null : failed.id(),
                            MessageObserver.Retry.INSTANT);
                    delivery.nextAttempt();
                }
            }
        } finally {
            context.stopRetrying();
        }
    }

    private boolean retryable(Throwable failure) {
        if (retryOn.isEmpty()) {
            return true;
        }
        for (Class<? extends Throwable> type : retryOn) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }
}
