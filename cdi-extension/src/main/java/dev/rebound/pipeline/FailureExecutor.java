package dev.rebound.pipeline;

import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Delivery;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.FailureLog;
import dev.rebound.core.HandlerMethod;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.MessageObserver;
import dev.rebound.spi.Outcome;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries failures out: the one place that sends a failure to a channel, logs the failure lines
 * ({@code REBOUND-1014}, {@code 1015}, {@code 1031}, {@code 1032}, {@code 1033}, {@code 1043} to {@code 1045}, {@code 1050} to {@code 1052}) and tells the interceptors. What
 * goes where is decided before, without side effects ({@link FailureDecision}, {@link ErrorRoute}). Thread-safe.
 */
public final class FailureExecutor {

    private static final Logger LOG = Logger.getLogger(FailureExecutor.class.getName());

    private final ChannelRegistry channels;
    private final ErrorRoute route;
    private final Interceptors interceptors;
    private final FailureLog log;

    public FailureExecutor(ChannelRegistry channels, ErrorRoute route, Interceptors interceptors, FailureLog log) {
        this.channels = channels;
        this.route = route;
        this.interceptors = interceptors;
        this.log = log;
    }

    /**
     * Logs a consumer's decision and tells the interceptors; a message forwarded to a queue goes through their
     * {@code beforeSend}. Sends nothing: the transport carries the outcome out with its acknowledgement.
     */
    public Outcome decided(String channel, Envelope envelope, Delivery delivery, Throwable failure,
                           FailureDecision.Decision decision) {
        String handler = handlerId(envelope, delivery);
        switch (decision.reason()) {
            case DELAYED_RETRY -> {
                Outcome.Forward forward = (Outcome.Forward) decision.outcome();
                log.retry(LOG, Diagnostics.RETRYING, id(envelope), channel, String.valueOf(envelope.attempt()),
                        log.describe(failure), String.valueOf(forward.delayMs()));
                interceptors.retried(envelope.message(), channel, handler, MessageObserver.Retry.DELAYED);
            }
            case RETRIES_EXHAUSTED -> LOG.log(Level.WARNING, Diagnostics.RETRIES_EXHAUSTED, new Object[] {
                    id(envelope), channel, String.valueOf(envelope.attempt()), log.describe(failure),
                    target(decision.outcome())});
            case FINAL -> interceptors.finalStrategy(envelope.message(), channel, handler,
                    ((Outcome.Final) decision.outcome()).strategy(), failure);
            case UNRECOVERABLE -> LOG.log(Level.WARNING, Diagnostics.UNRECOVERABLE_DELAYED, new Object[] {
                    id(envelope), channel, String.valueOf(envelope.attempt()), log.describe(failure),
                    target(decision.outcome())});
            case UNRECOVERABLE_FINAL -> {
                Outcome.Final last = (Outcome.Final) decision.outcome();
                LOG.log(Level.WARNING, Diagnostics.UNRECOVERABLE_FINAL, new Object[] {id(envelope), channel,
                        String.valueOf(envelope.attempt()), log.describe(failure), String.valueOf(last.strategy())});
                interceptors.finalStrategy(envelope.message(), channel, handler, last.strategy(), failure);
            }
            case OPTIMISTIC_LOCK -> {
                optimisticLockRedelivery(channel, envelope, failure, ((Outcome.Forward) decision.outcome()).delayMs());
                interceptors.retried(envelope.message(), channel, handler, MessageObserver.Retry.OPTIMISTIC_LOCK);
            }
            case ERROR_CHANNEL, DEAD_LETTER -> {
                // logged by the consumer as it carries the outcome out, or by the channel that keeps it
            }
        }
        if (decision.outcome() instanceof Outcome.Forward forward) {
            Envelope sent = interceptors.beforeSend(forward.channel(), forward.envelope());
            return sent == forward.envelope() ? forward : new Outcome.Forward(forward.channel(), sent,
                    forward.delayMs());
        }
        return decision.outcome();
    }

    /**
     * Sends the ErrorMessage of a {@link Outcome.Deliver} to its channel: in the caller's transaction when
     * {@code inCurrentTransaction} (a consumer's unit of work, so that the dead letter commits with the
     * acknowledgement), else as the channel does on its own (the dead letter in a transaction of its own).
     *
     * @throws RuntimeException if the channel did not accept it
     */
    public void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction) {
        if (inCurrentTransaction) {
            channels.sendInCurrentTransaction(deliver.channel(), ErrorRoute.message(deliver.error()));
        } else {
            channels.send(deliver.channel(), ErrorRoute.message(deliver.error()));
        }
    }

    /**
     * Hands an entry point's failure to its error channel, in the caller's transaction context (the error channel
     * step gives it one of its own): the failed message to a queue channel, as its next attempt; an ErrorMessage
     * to any other.
     *
     * @throws Throwable the channel's failure; nothing was kept then
     */
    void capture(String channel, Delivery delivery, Throwable failure) {
        Outcome outcome = route.to(channel, nextAttempt(delivery), delivery, failure);
        if (outcome instanceof Outcome.Forward forward) {
            interceptors.enqueue(channels.queue(forward.channel()), forward.envelope(), 0);
        } else {
            Outcome.Deliver deliver = (Outcome.Deliver) outcome;
            channels.send(deliver.channel(), ErrorRoute.message(deliver.error()));
        }
    }

    /** Logs an entry point's failure that its error channel took ({@code rethrown}: the caller gets it too). */
    void captured(String channel, Delivery delivery, Throwable failure, boolean rethrown) {
        LOG.log(Level.WARNING, rethrown ? Diagnostics.CAPTURED_AND_RETHROWN : Diagnostics.CAPTURED,
                new Object[] {delivery.message().headers().messageId(), delivery.origin(),
                        String.valueOf(delivery.attempts()), log.describe(failure), channel});
    }

    /** Logs an instant retry and tells the interceptors, before the attempt {@code retry} of {@code maxRetries}. */
    void instantRetry(Delivery delivery, Throwable failure, int retry, int maxRetries) {
        log.retry(LOG, Diagnostics.INSTANT_RETRY, delivery.message().headers().messageId(),
                delivery.origin(), String.valueOf(delivery.attempts()), log.describe(failure),
                String.valueOf(retry), String.valueOf(maxRetries));
        HandlerMethod failed = delivery.currentHandler();
        interceptors.retried(delivery.message(), failed == null ? null : failed.asyncChannel(),
                failed == null ? null : failed.id(), MessageObserver.Retry.INSTANT);
    }

    /** Logs an optimistic-lock retry and tells the interceptors, before retry {@code retry}. */
    void optimisticLockRetry(Delivery delivery, Throwable failure, int retry, int maxRetries, long delayMs) {
        HandlerMethod failed = delivery.currentHandler();
        log.retry(LOG, Diagnostics.OPTIMISTIC_LOCK_RETRY, delivery.message().headers().messageId(),
                where(delivery), String.valueOf(delivery.attempts()), log.describe(failure),
                String.valueOf(retry), String.valueOf(maxRetries), String.valueOf(delayMs));
        interceptors.retried(delivery.message(), failed == null ? null : failed.asyncChannel(),
                failed == null ? null : failed.id(), MessageObserver.Retry.OPTIMISTIC_LOCK);
    }

    /** Logs that the optimistic-lock retries are used up: the failure goes on to what the entry point does next. */
    void optimisticLockExhausted(Delivery delivery, Throwable failure, int maxRetries) {
        LOG.log(Level.WARNING, Diagnostics.OPTIMISTIC_LOCK_EXHAUSTED, new Object[] {
                delivery.message().headers().messageId(), where(delivery), String.valueOf(delivery.attempts()),
                log.describe(failure), String.valueOf(maxRetries)});
    }

    /** Logs that a conflict in a transport's unit is retried by sending the message back with a short delay. */
    void optimisticLockRedelivery(String channel, Envelope envelope, Throwable failure, long delayMs) {
        log.retry(LOG, Diagnostics.OPTIMISTIC_LOCK_REDELIVERY, id(envelope), channel,
                String.valueOf(envelope.attempt()), log.describe(failure), String.valueOf(delayMs));
    }

    private static String where(Delivery delivery) {
        HandlerMethod handler = delivery.currentHandler();
        String origin = delivery.origin() != null ? delivery.origin() : "?";
        return handler != null ? origin + " in handler " + handler.id() : origin;
    }

    /** Logs that an entry point's failure is not retried at once: its type is one that is never retried. */
    void unrecoverable(Delivery delivery, Throwable failure) {
        LOG.log(Level.INFO, Diagnostics.UNRECOVERABLE_INSTANT, new Object[] {delivery.message().headers().messageId(),
                delivery.origin(), String.valueOf(delivery.attempts()), log.describe(failure)});
    }

    /** The failed message for an asynchronous error channel's consumer, to run the handler again from there. */
    private static Envelope nextAttempt(Delivery delivery) {
        HandlerMethod handler = delivery.currentHandler();
        return new Envelope(delivery.message(), handler == null ? null : handler.id(), delivery.route().kind().name(),
                delivery.attempts() + 1, delivery.origin());
    }

    private static String handlerId(Envelope envelope, Delivery delivery) {
        HandlerMethod failed = delivery.currentHandler();
        return failed == null ? envelope.handler() : failed.id();
    }

    private static String target(Outcome outcome) {
        return outcome instanceof Outcome.Forward forward ? forward.channel() : ((Outcome.Deliver) outcome).channel();
    }

    private static String id(Envelope envelope) {
        return String.valueOf(envelope.message().headers().messageId());
    }
}
