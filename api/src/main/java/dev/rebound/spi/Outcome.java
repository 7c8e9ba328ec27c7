package dev.rebound.spi;

import dev.rebound.ErrorMessage;
import dev.rebound.FinalFailureStrategy;

/**
 * What a transport must do with the message it took off its queue, once Rebound has handled it (see
 * {@link Inbound}). Deciding has no side effects: the transport carries the outcome out in the same unit of work
 * as the acknowledgement, so both happen or neither.
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
     * channel), and acknowledge; see {@link Inbound#deliver}.
     */
    record Deliver(String channel, ErrorMessage error) implements Outcome {
    }

    /** Nowhere else to go: apply the consumer's final failure strategy. */
    record Final(FinalFailureStrategy strategy, Throwable failure, Envelope next) implements Outcome {
    }

    Outcome DONE = new Done();
}
