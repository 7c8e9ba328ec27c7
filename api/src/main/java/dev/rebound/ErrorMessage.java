package dev.rebound;

import java.time.Instant;
import java.util.Objects;

/**
 * What an error channel receives: the message that failed and why. The exception itself is available
 * through {@link #exception()} while the failure is being handled in the same process; everything
 * else is plain data that survives storage.
 *
 * @param originalMessage the message whose handling failed, as it was sent (same id and headers)
 * @param failure the exception that ended the last attempt, as text: its messages whole, its stack trace cut to
 *        {@link Failure#MAX_STACK_TRACE_LENGTH} characters
 * @param handler the handler that failed ({@code Class#method}), or {@code null} if none was reached
 * @param origin the entry point or channel the message came through
 * @param attempts how many times handling was attempted, the failed attempts included
 * @param failedAt when the last attempt failed
 * @param exception the exception, or {@code null} when rebuilt from storage
 */
public record ErrorMessage(Message originalMessage, Failure failure, String handler, String origin, int attempts,
                           Instant failedAt, Throwable exception) {

    public ErrorMessage {
        Objects.requireNonNull(originalMessage, "originalMessage");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(failure.exceptionClass(), "failure.exceptionClass");
        Objects.requireNonNull(failedAt, "failedAt");
    }

    /** The failed message's id, which a dead letter is stored and replayed under. */
    public java.util.UUID messageId() {
        return originalMessage.headers().messageId();
    }

    /** The same failure, blamed on another handler. */
    public ErrorMessage withHandler(String value) {
        return new ErrorMessage(originalMessage, failure, value, origin, attempts, failedAt, exception);
    }
}
