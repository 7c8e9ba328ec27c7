package dev.rebound;

import java.time.Instant;
import java.util.Objects;

/**
 * What an error channel receives: the message that failed and why. The exception itself is available
 * through {@link #exception()} while the failure is being handled in the same process; everything
 * else is plain data that survives storage.
 *
 * @param originalMessage the message whose handling failed, as it was sent (same id and headers)
 * @param exceptionClass class name of the exception that ended the last attempt
 * @param exceptionMessage its message, may be {@code null}
 * @param rootCauseClass class name of the innermost cause (the exception itself when it has none)
 * @param rootCauseMessage the root cause's message, may be {@code null}
 * @param stackTrace the exception's stack trace, cut to {@link #MAX_STACK_TRACE_LENGTH} characters
 * @param handler the handler that failed ({@code Class#method}), or {@code null} if none was reached
 * @param origin the entry point or channel the message came through
 * @param attempts how many times handling was attempted, the failed attempts included
 * @param failedAt when the last attempt failed
 * @param exception the exception, or {@code null} when rebuilt from storage
 */
public record ErrorMessage(Message originalMessage, String exceptionClass, String exceptionMessage,
                           String rootCauseClass, String rootCauseMessage, String stackTrace, String handler,
                           String origin, int attempts, Instant failedAt, Throwable exception) {

    /** Stack traces longer than this are cut, so that one failure cannot flood a table or a queue. */
    public static final int MAX_STACK_TRACE_LENGTH = 16_000;

    /**
     * A dead letter keeps the exception's and the root cause's message cut to this many characters: an exception
     * message may quote a whole payload, and one failure must not flood the table.
     */
    public static final int MAX_EXCEPTION_MESSAGE_LENGTH = 4_000;

    public ErrorMessage {
        Objects.requireNonNull(originalMessage, "originalMessage");
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(failedAt, "failedAt");
    }

    /** The failed message's id, which a dead letter is stored and replayed under. */
    public java.util.UUID messageId() {
        return originalMessage.headers().messageId();
    }
}
