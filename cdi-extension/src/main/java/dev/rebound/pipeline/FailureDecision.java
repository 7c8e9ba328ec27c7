package dev.rebound.pipeline;

import dev.rebound.Channels;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.core.Delivery;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.OptimisticLocks;
import dev.rebound.core.Unrecoverable;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.core.async.FailurePolicy;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Outcome;
import java.util.function.DoubleSupplier;

/**
 * Decides where a failed asynchronous message goes, without sending, logging or telling anyone
 * ({@link FailureExecutor} does that). The failure policy is resolved most specific first: the handler's own
 * ({@code @ErrorChannel}/{@code @DelayedRetry} on the handler), the gateway's ({@code @DelayedRetry}), the
 * consumer's ({@link dev.rebound.ConsumerConfiguration}, or an {@link ErrorHandlerConfiguration} named like the channel),
 * then the global default. A policy with delayed retries sends the message back to its queue with a delay while
 * retries remain; then to its dead letter channel, or to the consumer's final failure strategy. A failure that is
 * never retried (the retry template's {@code abortOn}, {@code rebound.retry.abort-on}, and a
 * {@link dev.rebound.StaleVersionException} whatever those say) goes there at once.
 * Thread-safe.
 */
public final class FailureDecision {

    /** Why the outcome is what it is: what the executor logs and tells the interceptors. */
    public enum Reason {
        /** back to its queue with a delay ({@code REBOUND-1014}) */
        DELAYED_RETRY,
        /** retries exhausted, to the dead letter channel of the retry configuration ({@code REBOUND-1015}) */
        RETRIES_EXHAUSTED,
        /** to the error channel of its policy */
        ERROR_CHANNEL,
        /** to the dead letter whatever the policy (nobody can tell whether it was handled) */
        DEAD_LETTER,
        /** nowhere else to go: the consumer's final strategy */
        FINAL,
        /** never retried (abortOn), to the dead letter channel of the retry configuration ({@code REBOUND-1044}) */
        UNRECOVERABLE,
        /** never retried (abortOn), no dead letter channel: the consumer's final strategy ({@code REBOUND-1045}) */
        UNRECOVERABLE_FINAL,
        /**
         * an optimistic-lock conflict in the transport's transaction: back to its queue after a short pause, as
         * its next attempt ({@code REBOUND-1052})
         */
        OPTIMISTIC_LOCK
    }

    /** The outcome for the transport, and why. */
    public record Decision(Outcome outcome, Reason reason) {
    }

    private final ConsumerPolicies policies;
    private final ErrorRoute route;
    private final DoubleSupplier random;
    private final Unrecoverable unrecoverable;

    /** With the default list of exceptions never retried. */
    public FailureDecision(ConsumerPolicies policies, ErrorRoute route, DoubleSupplier random) {
        this(policies, route, random, Unrecoverable.DEFAULT);
    }

    /**
     * @param random the jitter of delayed retries, in [0, 1)
     * @param unrecoverable the exceptions no delayed retry retries ({@code rebound.retry.abort-on})
     */
    public FailureDecision(ConsumerPolicies policies, ErrorRoute route, DoubleSupplier random,
                           Unrecoverable unrecoverable) {
        this.policies = policies;
        this.route = route;
        this.random = random;
        this.unrecoverable = unrecoverable;
    }

    public Decision decide(String channel, Envelope envelope, Delivery delivery, Throwable failure) {
        FailurePolicy policy = resolve(channel, envelope, delivery.currentHandler());
        if (policy == null) {
            return finalOutcome(channel, envelope, failure);
        }
        ErrorHandlerConfiguration retry = policy.delayedRetry() != null ? policy.delayedRetry()
                : policies.errorHandlers().get(policy.errorChannel());
        if (retry == null) {
            return new Decision(route.to(policy.errorChannel(), envelope.nextAttempt(), delivery, failure),
                    Reason.ERROR_CHANNEL);
        }
        if (retry.retryTemplate().aborts(failure) || unrecoverable.matches(failure) || OptimisticLocks.stale(failure)) {
            if (retry.deadLetterChannel() == null) {
                Decision last = finalOutcome(channel, envelope, failure);
                return new Decision(last.outcome(), Reason.UNRECOVERABLE_FINAL);
            }
            return new Decision(route.to(retry.deadLetterChannel(), envelope.nextAttempt(), delivery, failure),
                    Reason.UNRECOVERABLE);
        }
        if (retry.retryTemplate().canRetry(envelope.attempt())) {
            long delay = retry.retryTemplate().delayAfter(envelope.attempt(), random.getAsDouble());
            return new Decision(new Outcome.Forward(channel, envelope.nextAttempt(), delay), Reason.DELAYED_RETRY);
        }
        if (retry.deadLetterChannel() == null) {
            return finalOutcome(channel, envelope, failure);
        }
        return new Decision(route.to(retry.deadLetterChannel(), envelope.nextAttempt(), delivery, failure),
                Reason.RETRIES_EXHAUSTED);
    }

    /**
     * The failed message goes to the dead letter whatever its policy says: for failures after which nobody can
     * tell whether the message was handled (a heuristic outcome of its transaction), an operator decides.
     */
    public Decision deadLetter(Envelope envelope, Delivery delivery, Throwable failure) {
        return new Decision(route.to(Channels.DEAD_LETTER, envelope.nextAttempt(), delivery, failure),
                Reason.DEAD_LETTER);
    }

    FailurePolicy resolve(String channel, Envelope envelope, HandlerMethod handler) {
        return policies.resolve(channel, envelope.origin(), handler == null ? null : handler.failurePolicy());
    }

    private Decision finalOutcome(String channel, Envelope envelope, Throwable failure) {
        return new Decision(new Outcome.Final(policies.finalFailureStrategy(channel), failure, envelope.nextAttempt()),
                Reason.FINAL);
    }
}
