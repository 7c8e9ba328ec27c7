package dev.rebound.jms;

import dev.rebound.ErrorMessage;
import dev.rebound.Message;
import java.time.Instant;

/**
 * A failure as plain text, without the message or the exception: what a consumer keeps of a failure until the
 * message comes back ({@link PendingOutcomes}), and what a copy that only routes the failure carries
 * ({@link WireFormat#writeFailure}). Texts are cut, so that one failure cannot take unbounded memory.
 *
 * @param stackTrace {@code null} when only the failure's class and message are kept
 */
record FailureText(String exceptionClass, String exceptionMessage, String rootCauseClass, String rootCauseMessage,
                   String stackTrace, String handler, String origin, int attempts, Instant failedAt) {

    /** Exception messages carry payload data; they are cut like stack traces, to this many characters. */
    static final int MAX_MESSAGE_LENGTH = 4_000;

    static FailureText of(ErrorMessage error) {
        return new FailureText(error.exceptionClass(), cut(error.exceptionMessage()), error.rootCauseClass(),
                cut(error.rootCauseMessage()), error.stackTrace(), error.handler(), error.origin(), error.attempts(),
                error.failedAt());
    }

    /** Only what a log line or a dead letter's reason needs: the failure and the handler that failed, if known. */
    static FailureText brief(Throwable failure, String handler) {
        Throwable root = rootCause(failure);
        return new FailureText(failure.getClass().getName(), cut(failure.getMessage()), root.getClass().getName(),
                cut(root.getMessage()), null, handler, null, 0, Instant.now());
    }

    /** The ErrorMessage again, for the message as decoded from its redelivery (the exception is gone). */
    ErrorMessage errorMessage(Message original) {
        return new ErrorMessage(original, exceptionClass, exceptionMessage, rootCauseClass, rootCauseMessage,
                stackTrace, handler, origin, attempts, failedAt, null);
    }

    /** The innermost cause (at most 64 deep, so that a cycle of causes ends). */
    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 64; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code class: message}, as {@link Throwable#toString()} would say it. */
    String summary() {
        return exceptionMessage == null ? exceptionClass : exceptionClass + ": " + exceptionMessage;
    }

    /** Roughly the characters kept, to bound {@link PendingOutcomes} by size. */
    int size() {
        return 64 + length(exceptionClass) + length(exceptionMessage) + length(rootCauseClass)
                + length(rootCauseMessage) + length(stackTrace) + length(handler) + length(origin);
    }

    static String cut(String text) {
        return text == null || text.length() <= MAX_MESSAGE_LENGTH ? text
                : text.substring(0, MAX_MESSAGE_LENGTH - 16) + "... (truncated)";
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** A failure known only as text, where an exception is wanted (a log line, a strategy's reason). */
    static final class Carried extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String summary;

        Carried(FailureText failure) {
            super(failure.exceptionMessage(), null, false, false);
            this.summary = failure.summary();
        }

        @Override
        public String toString() {
            return summary;
        }
    }
}
