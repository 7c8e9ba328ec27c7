package dev.rebound.core.async;

import dev.rebound.ErrorMessage;
import dev.rebound.FinalFailureStrategy;
import dev.rebound.spi.Envelope;

/**
 * What a consumer must do with the message it took off its queue, once Rebound has handled it. Deciding has
 * no side effects: the consumer carries the outcome out in the same transaction as the acknowledgement, so
 * both happen or neither.
 */
public sealed interface Outcome {

    /** Handled: acknowledge. */
    record Done() implements Outcome {
    }

    /** Send {@code envelope} to the queue of {@code channel} after {@code delayMs}, and acknowledge. */
    record Forward(String channel, Envelope envelope, long delayMs) implements Outcome {
    }

    /**
     * Hand {@code error} to the channel {@code channel}, which is not a queue (the dead letter, an internal
     * channel), and acknowledge; see {@link ConsumerHandling#deliver}.
     */
    record Deliver(String channel, ErrorMessage error) implements Outcome {
    }

    /** Nowhere else to go: apply the consumer's final failure strategy. */
    record Final(FinalFailureStrategy strategy, Throwable failure, Envelope next) implements Outcome {
    }

    Outcome DONE = new Done();
}
