package dev.rebound;

/**
 * How a bulk replay runs.
 *
 * @param ratePerSecond at most this many messages are replayed per second (1 or more), so that replaying a
 *        large backlog does not flood the handlers and their downstream systems
 * @param canary replay one message first and stop if it fails again: a cheap check that the cause is fixed
 */
public record ReplayOptions(int ratePerSecond, boolean canary) {

    public ReplayOptions {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("REBOUND-4003: A replay rate must be 1 message per second or more, "
                    + "got " + ratePerSecond + ".");
        }
    }
}
