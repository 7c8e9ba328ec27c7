package dev.rebound.core.async;

import dev.rebound.spi.Outcome;
import dev.rebound.Channels;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.Message;
import dev.rebound.core.ChannelRegistry;
import dev.rebound.core.Diagnostics;
import dev.rebound.core.Delivery;
import dev.rebound.core.FailureLog;
import dev.rebound.core.Failures;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.Observers;
import dev.rebound.spi.MessageObserver;
import dev.rebound.spi.Envelope;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides where a failed asynchronous message goes. The failure policy is resolved most specific first:
 * the handler's own ({@code @ErrorChannel}/{@code @DelayedRetry} on the handler), the gateway's
 * ({@code @DelayedRetry}), the consumer's ({@link dev.rebound.PollingMetadata}, or an
 * {@link ErrorHandlerConfiguration} named like the channel), then the global default. A policy with delayed
 * retries sends the message back to its queue with a delay while retries remain; then to its dead letter
 * channel, or to the consumer's final failure strategy. Thread-safe.
 */
public final class FailureRouter {

    private static final Logger LOG = Logger.getLogger(FailureRouter.class.getName());

    private final ChannelRegistry channels;
    private final ConsumerPolicies policies;
    private final Failures failures;
    private final DoubleSupplier random;
    private final Observers observers;
    private final FailureLog log;

    /** @param log how retries and failures are logged ({@code rebound.log.*}) */
    public FailureRouter(ChannelRegistry channels, ConsumerPolicies policies, Failures failures, DoubleSupplier random,
                         Observers observers, FailureLog log) {
        this.observers = observers;
        this.log = log;
        this.channels = channels;
        this.policies = policies;
        this.failures = failures;
        this.random = random;
    }

    public Outcome route(String channel, Envelope envelope, Delivery delivery, Throwable failure) {
        FailurePolicy policy = resolve(channel, envelope, delivery.currentHandler());
        if (policy == null) {
            return finalOutcome(channel, envelope, failure);
        }
        ErrorHandlerConfiguration retry = policy.delayedRetry() != null ? policy.delayedRetry()
                : policies.errorHandlers().get(policy.errorChannel());
        if (retry == null) {
            return deliver(policy.errorChannel(), envelope, delivery, failure);
        }
        if (retry.retryTemplate().canRetry(envelope.attempt())) {
            long delay = retry.retryTemplate().delayAfter(envelope.attempt(), random.getAsDouble());
            log.retry(LOG, Diagnostics.RETRYING, id(envelope), channel, String.valueOf(envelope.attempt()),
                    log.describe(failure), String.valueOf(delay));
            HandlerMethod failed = delivery.currentHandler();
            observers.retried(channel, failed == null ? envelope.handler() : failed.id(), MessageObserver.Retry.DELAYED);
            return new Outcome.Forward(channel, envelope.nextAttempt(), delay);
        }
        if (retry.deadLetterChannel() == null) {
            return finalOutcome(channel, envelope, failure);
        }
        LOG.log(Level.WARNING, Diagnostics.RETRIES_EXHAUSTED, new Object[] {id(envelope), channel,
                String.valueOf(envelope.attempt()), log.describe(failure), retry.deadLetterChannel()});
        return deliver(retry.deadLetterChannel(), envelope, delivery, failure);
    }

    private static String id(Envelope envelope) {
        return String.valueOf(envelope.message().headers().messageId());
    }

    /**
     * Stores the failed message as a dead letter whatever its policy says: for failures after which nobody can
     * tell whether the message was handled (a heuristic outcome of its transaction), an operator decides.
     */
    public Outcome deadLetter(Envelope envelope, Delivery delivery, Throwable failure) {
        return deliver(Channels.DEAD_LETTER, envelope, delivery, failure);
    }

    FailurePolicy resolve(String channel, Envelope envelope, HandlerMethod handler) {
        if (handler != null && handler.failurePolicy() != null) {
            return handler.failurePolicy();
        }
        FailurePolicy gateway = envelope.origin() == null ? null : policies.gateways().get(envelope.origin());
        if (gateway != null) {
            return gateway;
        }
        String consumerChannel = policies.consumer(channel).errorChannel();
        if (consumerChannel != null) {
            return FailurePolicy.channel(consumerChannel);
        }
        if (policies.errorHandlers().containsKey(channel)) {
            return FailurePolicy.channel(channel);
        }
        return policies.defaultErrorChannel() == null ? null : FailurePolicy.channel(policies.defaultErrorChannel());
    }

    /**
     * Where a failure goes when it is handed to a channel: the message itself to a queue channel, an
     * ErrorMessage to any other. Nothing is sent here: the consumer carries the outcome out with the
     * acknowledgement ({@link #carryOut}).
     */
    private Outcome deliver(String target, Envelope envelope, Delivery delivery, Throwable failure) {
        if (channels.queue(target) != null) {
            return new Outcome.Forward(target, envelope.nextAttempt(), 0);
        }
        return new Outcome.Deliver(target, failures.errorMessage(delivery, failure));
    }

    /**
     * Sends the ErrorMessage of a {@link Outcome.Deliver} to its channel: in the caller's transaction when
     * {@code inCurrentTransaction} (a consumer's unit of work, so that the dead letter commits with the
     * acknowledgement), else as the channel does on its own (the dead letter in a transaction of its own).
     *
     * @throws RuntimeException if the channel did not accept it
     */
    public void carryOut(Outcome.Deliver deliver, boolean inCurrentTransaction) {
        Message message = new Message(deliver.error(), deliver.error().originalMessage().headers());
        if (inCurrentTransaction) {
            channels.sendInCurrentTransaction(deliver.channel(), message);
        } else {
            channels.send(deliver.channel(), message);
        }
    }

    private Outcome finalOutcome(String channel, Envelope envelope, Throwable failure) {
        return new Outcome.Final(policies.finalFailureStrategy(channel), failure, envelope.nextAttempt());
    }
}
