package dev.rebound.faults.app;

/** Where the application halts (Runtime.halt, as kill -9 would) for a chosen message. */
public enum Point {
    /** in the handler, after its effect row was written, before the consumer's transaction commits */
    MID_HANDLER,
    /** in a JTA Synchronization's afterCompletion of the handler's committed transaction */
    AFTER_COMMIT,
    /** MessageObserver#retried: the delayed retry is routed, its re-send and the acknowledgement not yet done */
    AFTER_ROUTING_RETRY,
    /** MessageObserver#deadLettered: the dead letter is stored, the acknowledgement not yet done */
    AFTER_ROUTING_DEAD_LETTER,
    /** inside the dead letter's transaction: the row is inserted (flushed), not committed */
    DURING_DEAD_LETTER,
    /** in the handler run by a replay, after its effect row was written, before the replay commits */
    DURING_REPLAY,
    /** outbox: the business row and the outbox row are written in the caller's transaction, its commit not begun */
    BEFORE_BUSINESS_COMMIT,
    /** outbox: the business transaction committed (its call has not returned), the relay paused */
    AFTER_BUSINESS_COMMIT,
    /** outbox: the relay's JMS session sent this message of a batch, its commit (and the rows' delete) not done */
    RELAY_MID_BATCH,
    /** outbox: the relay's JMS session committed the batch (on the queue), the rows' delete not committed */
    RELAY_AFTER_SEND,
    /**
     * outbox: as {@link #RELAY_MID_BATCH}, but the relay first holds its claimed (locked) rows for
     * {@code faults.hold-ms} at most (the test ends the hold with the file {@code release}) while other nodes relay,
     * then halts: another node must take the rows over
     */
    RELAY_HOLDING,
    /**
     * outbox, not a halt of the application: in the consumer's transaction, before its (XA) commit, the broker is
     * halted (a flag file that the broker watches) and the commit goes on without it
     */
    BROKER_DIES_AT_CONSUMER_COMMIT
}
