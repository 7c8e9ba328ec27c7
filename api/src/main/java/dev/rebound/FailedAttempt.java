package dev.rebound;

import java.time.Instant;
import java.util.Objects;

/**
 * One failure in the history of a dead letter: when the message reached the dead letter (its first failure,
 * each failed replay, each time it failed again after a replay) and with which error.
 *
 * @param failedAt when it failed
 * @param attempts how many attempts that failure took (instant or delayed retries included)
 * @param failure the error, without stack trace and with its messages cut to {@link #MAX_MESSAGE_LENGTH}
 *        ({@link #of})
 */
public record FailedAttempt(Instant failedAt, int attempts, Failure failure) {

    /** How many failures a dead letter remembers; older ones are dropped first. */
    public static final int MAX_KEPT = 20;

    /** Messages in the history are cut to this length; the full latest error stays on the dead letter. */
    public static final int MAX_MESSAGE_LENGTH = 1_000;

    public FailedAttempt {
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(failure, "failure");
    }

    /** The history entry of a failure: its stack trace dropped, its messages cut to {@link #MAX_MESSAGE_LENGTH}. */
    public static FailedAttempt of(Instant failedAt, int attempts, Failure failure) {
        return new FailedAttempt(failedAt, attempts, failure.withoutStackTrace().cut(MAX_MESSAGE_LENGTH));
    }
}
