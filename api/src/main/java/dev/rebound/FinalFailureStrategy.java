package dev.rebound;

/** What a consumer does with a message that failed and has nowhere else to go. */
public enum FinalFailureStrategy {
    /** Send it back to the end of its queue (as a new delivery) and acknowledge the original. */
    RESEND,
    /** Roll back: the broker redelivers it according to its own redelivery settings. */
    RELEASE,
    /** Acknowledge and drop it, logging a warning with the message id and the failure. */
    IGNORE,
    /** Roll back and stop this consumer, logging why; the message stays on the queue. */
    STOP
}
