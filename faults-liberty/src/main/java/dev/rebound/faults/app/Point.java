package dev.rebound.faults.app;

/** Where the fault plan can hold a thread for the test to kill the JVM with {@code kill -9}. */
public enum Point {
    /** in the handler, its effect row written, before its transaction commits */
    MID_HANDLER,
    /** after the handler's transaction (effect and acknowledgement) committed, before the consumer goes on */
    AFTER_COMMIT,
    /** after the failure was routed (the dead letter committed), before the acknowledgement */
    ROUTED,
    /** inside the dead letter's transaction: its row written, not committed */
    DEAD_LETTERING,
    /** in the handler run by a replay of a dead letter, before the replay's transaction commits */
    REPLAY
}
