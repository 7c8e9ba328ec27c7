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
    DURING_REPLAY
}
