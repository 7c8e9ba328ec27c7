package dev.rebound;

/**
 * How a bulk replay runs.
 *
 * @param ratePerSecond at most this many messages are replayed per second (1 or more), so that replaying a
 *        large backlog does not flood the handlers and their downstream systems
 * @param canary replay one message first and stop if it fails again: a cheap check that the cause is fixed (the
 *        canary always runs its handler in the replaying thread, even with {@link ReplayTarget#QUEUE}, so that its
 *        outcome is known)
 * @param target where the messages go: their handler in the replaying thread ({@link ReplayTarget#HANDLER}, the
 *        default) or their channel's queue ({@link ReplayTarget#QUEUE}); {@code null} is {@code HANDLER}
 */
public record ReplayOptions(int ratePerSecond, boolean canary, ReplayTarget target) {

    public ReplayOptions {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("REBOUND-4003: A replay rate must be 1 message per second or more, "
                    + "got " + ratePerSecond + ".");
        }
        if (target == null) {
            target = ReplayTarget.HANDLER;
        }
    }

    /** A replay that runs the handlers in the replaying thread ({@link ReplayTarget#HANDLER}). */
    public ReplayOptions(int ratePerSecond, boolean canary) {
        this(ratePerSecond, canary, ReplayTarget.HANDLER);
    }

    /** The same options, the messages put back on their channels' queues ({@link ReplayTarget#QUEUE}). */
    public ReplayOptions toQueue() {
        return new ReplayOptions(ratePerSecond, canary, ReplayTarget.QUEUE);
    }
}
