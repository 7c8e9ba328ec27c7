package dev.rebound;

import java.time.Instant;

/**
 * One failure in the history of a dead letter: when the message reached the dead letter (its first failure,
 * each failed replay, each time it failed again after a replay) and with which error.
 *
 * @param failedAt when it failed
 * @param attempts how many attempts that failure took (instant or delayed retries included)
 * @param exceptionClass the exception's class
 * @param exceptionMessage the exception's message (bounded), or {@code null}
 * @param rootCauseClass the root cause's class
 * @param rootCauseMessage the root cause's message (bounded), or {@code null}
 */
public record FailedAttempt(Instant failedAt, int attempts, String exceptionClass, String exceptionMessage,
                            String rootCauseClass, String rootCauseMessage) {

    /** How many failures a dead letter remembers; older ones are dropped first. */
    public static final int MAX_KEPT = 20;

    /** Messages in the history are cut to this length; the full latest error stays on the dead letter. */
    public static final int MAX_MESSAGE_LENGTH = 1_000;
}
