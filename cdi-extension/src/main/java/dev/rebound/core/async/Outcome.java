package dev.rebound.core.async;

import dev.rebound.FinalFailureStrategy;
import dev.rebound.spi.Envelope;

/**
 * What a consumer must do with the message it took off its queue, once Rebound has handled it. The
 * consumer carries it out in the same transaction as the acknowledgement, so both happen or neither.
 */
public sealed interface Outcome {

    /** Handled, or its failure was accepted by an error channel: acknowledge. */
    record Done() implements Outcome {
    }

    /** Send {@code envelope} to the queue of {@code channel} after {@code delayMs}, and acknowledge. */
    record Forward(String channel, Envelope envelope, long delayMs) implements Outcome {
    }

    /** Nowhere else to go: apply the consumer's final failure strategy. */
    record Final(FinalFailureStrategy strategy, Throwable failure, Envelope next) implements Outcome {
    }

    /** The failure could not be routed (e.g. the dead letter store is down): roll back, the message stays. */
    record NotRouted(Throwable failure) implements Outcome {
    }

    Outcome DONE = new Done();
}
