package dev.rebound.spi;

import java.util.Map;
import java.util.UUID;

/**
 * Rebound as a transport sees it: the one way into Rebound's pipeline for a message taken off a queue. The
 * transport owns the unit of work (receive, handle, carry out the {@link Outcome}, acknowledge); Rebound runs the
 * handler with its steps (interceptors, transaction, dispatch) and decides where a failure goes, without sending
 * anything. Thread-safe; the {@link Attempt}s it makes are confined to one consumer thread.
 */
public interface Inbound {

    /** How many consumers the channel runs at once (its {@link dev.rebound.ConsumerConfiguration}). */
    int concurrentConsumers(String channel);

    /** An attempt at handling an envelope taken off the queue of {@code channel}. Cheap: made per message. */
    Attempt attempt(String channel, Envelope envelope);

    /**
     * Runs the envelope's handler in a transaction of its own and decides; never throws. For transports whose
     * unit of work is not a JTA transaction.
     */
    default Outcome handle(String channel, Envelope envelope) {
        Attempt attempt = attempt(channel, envelope);
        try {
            attempt.run();
            return Outcome.DONE;
        } catch (Throwable failure) {
            return attempt.failed(failure);
        }
    }

    /**
     * Hands the {@link dev.rebound.ErrorMessage} of a {@link Outcome.Deliver} to its channel: in the caller's
     * transaction when {@code inCurrentTransaction} (the transport's unit, so that the dead letter commits with the
     * acknowledgement), else as the channel does on its own (the dead letter in a transaction of its own).
     *
     * @throws RuntimeException if the channel did not accept it; nothing was kept then
     */
    void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction);

    /**
     * Keeps a message that cannot be read (bad JSON, unknown type, missing headers) as a dead letter, with its raw
     * body and properties and the reason; the same {@code id} is kept once.
     *
     * @param id a stable id for the raw message (derived from the broker's message id), the same on redelivery
     * @throws RuntimeException if it could not be kept; the transport then leaves the message on the queue
     */
    void poison(UUID id, String channel, String body, Map<String, String> properties, String reason);

    /** One handling of one envelope. Not thread-safe: used by the consumer thread that made it. */
    interface Attempt {

        /**
         * Runs the handler in a JTA transaction of its own (when there is a transaction manager), committed or
         * rolled back before this returns.
         *
         * @throws Throwable what the handler (or the commit) threw; then ask {@link #failed}
         */
        void run() throws Throwable;

        /**
         * Runs the handler in the transaction the transport has open (its unit joins JTA). The transport commits
         * the unit when this returns, rolls it back when it throws, and then asks {@link #failed}.
         *
         * @throws Throwable what the handler threw
         */
        void runInUnit() throws Throwable;

        /**
         * Where the failure goes (a delayed retry, an error channel, the dead letter, the final strategy). To be
         * called with no transaction of the failed work active. Decides only: sends nothing, logs the decision.
         */
        Outcome failed(Throwable failure);

        /**
         * The failure goes to the dead letter whatever the policy says: for failures after which nobody can tell
         * whether the message was handled (a heuristic outcome, a delivery limit reached).
         */
        Outcome deadLetter(Throwable failure);

        /** The id of the handler that ran or failed ({@code Class#method}), {@code null} if none was reached. */
        String handler();
    }
}
