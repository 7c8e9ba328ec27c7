package dev.rebound.jms;

import dev.rebound.ErrorMessage;
import dev.rebound.Failure;
import dev.rebound.Message;
import java.time.Instant;

/**
 * A failure as plain text, without the message or the exception: what a consumer keeps of a failure until the
 * message comes back ({@link PendingOutcomes}), and what a copy that only routes the failure carries
 * ({@link WireFormat#writeFailure}). Texts are cut, so that one failure cannot take unbounded memory.
 *
 * @param cause the failure, its messages cut to {@link #MAX_MESSAGE_LENGTH}; its stack trace {@code null} when only
 *        the failure's class and message are kept
 */
record FailureText(Failure cause, String handler, String origin, int attempts, Instant failedAt) {

    /** Exception messages carry payload data; they are cut like stack traces, to this many characters. */
    static final int MAX_MESSAGE_LENGTH = Failure.MAX_MESSAGE_LENGTH;

    static FailureText of(ErrorMessage error) {
        return new FailureText(error.failure().cut(MAX_MESSAGE_LENGTH), error.handler(), error.origin(),
                error.attempts(), error.failedAt());
    }

    /** Only what a log line or a dead letter's reason needs: the failure and the handler that failed, if known. */
    static FailureText brief(Throwable failure, String handler) {
        return new FailureText(Failure.briefOf(failure).cut(MAX_MESSAGE_LENGTH), handler, null, 0, Instant.now());
    }

    /** The ErrorMessage again, for the message as decoded from its redelivery (the exception is gone). */
    ErrorMessage errorMessage(Message original) {
        return new ErrorMessage(original, cause, handler, origin, attempts, failedAt, null);
    }

    /** {@code class: message}, as {@link Throwable#toString()} would say it. */
    String summary() {
        return cause.summary();
    }

    /** Roughly the characters kept, to bound {@link PendingOutcomes} by size. */
    int size() {
        return 64 + length(cause.exceptionClass()) + length(cause.exceptionMessage()) + length(cause.rootCauseClass())
                + length(cause.rootCauseMessage()) + length(cause.stackTrace()) + length(cause.site())
                + length(handler) + length(origin);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** A failure known only as text, where an exception is wanted (a log line, a strategy's reason). */
    static final class Carried extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String summary;

        Carried(FailureText failure) {
            super(failure.cause().exceptionMessage(), null, false, false);
            this.summary = failure.summary();
        }

        @Override
        public String toString() {
            return summary;
        }
    }
}
