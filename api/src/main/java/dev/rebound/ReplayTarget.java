package dev.rebound;

/** Where a bulk replay sends each dead letter's message ({@link ReplayOptions#target()}). */
public enum ReplayTarget {
    /**
     * Runs the failed handler in the replaying thread, in a transaction of the replay (a batch of messages per
     * transaction, a failing one alone): the replay knows at once whether each was handled or failed again.
     */
    HANDLER,
    /**
     * Puts the message back on its handler's asynchronous channel, addressed to the failed handler only, in the
     * transaction that removes the dead letter: the channel's consumers then handle it with their concurrency,
     * ordering, transaction mode and retries, and a message that fails again becomes a dead letter again. A dead
     * letter of a synchronous handler (no channel) is replayed as with {@link #HANDLER}.
     */
    QUEUE
}
