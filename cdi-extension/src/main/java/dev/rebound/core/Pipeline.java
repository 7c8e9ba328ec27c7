package dev.rebound.core;

/**
 * One step of message handling. Steps wrap each other (error channel, instant retry, transaction) around
 * the dispatcher; the same abstraction serves gateway calls, replays and consumers. Built once per entry
 * point; thread-safe.
 */
@FunctionalInterface
public interface Pipeline {

    /**
     * Handles the delivery and returns the handler's result.
     *
     * @throws Throwable the failure, unchanged, if it is not captured by this step
     */
    Object handle(Delivery delivery) throws Throwable;
}
