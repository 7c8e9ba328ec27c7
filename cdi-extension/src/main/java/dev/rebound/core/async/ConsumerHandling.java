package dev.rebound.core.async;

import dev.rebound.core.Delivery;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Outcome;

/**
 * The consumer side of an asynchronous channel as the JMS adapter used it before {@link dev.rebound.spi.Inbound}:
 * kept, implemented by the pipeline's consumer entry ({@code dev.rebound.pipeline.ConsumerEntry}), until the
 * adapter moves onto {@code Inbound}. Thread-safe.
 */
public interface ConsumerHandling {

    /** How many consumers the channel runs at once. */
    int concurrentConsumers(String channel);

    /** Runs the envelope's handler in a JTA transaction of its own (if there is a manager); never throws. */
    Outcome handle(String channel, Envelope envelope);

    /** The delivery of an envelope taken off a queue, continuing the envelope's attempts. */
    Delivery delivery(Envelope envelope);

    /**
     * Runs the delivery's handler in a JTA transaction of its own (if there is a manager), committed or rolled
     * back when it returns; throws what the handler throws.
     */
    void handleInOwnTransaction(Delivery delivery) throws Throwable;

    /**
     * Runs the delivery's handler in the caller's transaction, for a consumer whose receive, handler and
     * acknowledgement are one JTA transaction. Throws what the handler throws; the caller rolls back, then
     * asks {@link #failed} where the failure goes.
     */
    void handleInCurrentTransaction(Delivery delivery) throws Throwable;

    /** Where a failed delivery goes; to be called with no transaction of the failed work active. */
    Outcome failed(String channel, Envelope envelope, Delivery delivery, Throwable failure);

    /** The failed delivery goes to the dead letter, whatever its policy. */
    Outcome deadLetter(Envelope envelope, Delivery delivery, Throwable failure);

    /** Carries out a {@link Outcome.Deliver}; see {@link dev.rebound.spi.Inbound#deliver}. */
    void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction);
}
