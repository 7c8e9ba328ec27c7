package dev.rebound.spi;

/**
 * Hears what happens to messages, for metrics and monitoring. Every CDI bean of this type is called; all
 * methods do nothing by default.
 *
 * <p>Threads: called on the thread that handles the message, inside its transaction, so an implementation
 * must be thread-safe, fast and must not block. Exceptions: an observer's exception is logged and ignored; it
 * never changes what happens to the message. A {@code channel} is the asynchronous channel of the handler (or
 * where the message was read from), {@code null} for a handler run synchronously by its entry point; a
 * {@code handler} is its id ({@code Class#method}), {@code null} when none was reached.
 */
public interface MessageObserver {

    /** How a failed message is tried again. */
    enum Retry {
        /** at once, in the same thread ({@code @InstantRetry}) */
        INSTANT,
        /** later, sent back to its queue with a delay ({@code @DelayedRetry}, {@code RetryTemplate}) */
        DELAYED,
        /**
         * after an optimistic-lock conflict, in a new transaction ({@code rebound.optimistic-lock.*}): at once after a
         * short pause, or sent back to its queue with a short delay from a transport's unit of work
         */
        OPTIMISTIC_LOCK
    }

    /** A handler returned normally after {@code nanos}. */
    default void handled(String channel, String handler, long nanos) {
    }

    /** A handler threw after {@code nanos}; what happens next (retry, error channel) is reported separately. */
    default void failed(String channel, String handler, Throwable failure, long nanos) {
    }

    /** A failed message is tried again. */
    default void retried(String channel, String handler, Retry retry) {
    }

    /** A failed message was stored as a dead letter (again, for a failed replay). */
    default void deadLettered(String channel, String handler) {
    }

    /** A dead letter was replayed: {@code handled} tells whether it succeeded (and was removed). */
    default void replayed(String channel, String handler, boolean handled) {
    }
}
