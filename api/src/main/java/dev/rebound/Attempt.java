package dev.rebound;

/**
 * Which attempt at handling a message this call is. A handler method may declare a parameter of this type after
 * its payload; Rebound supplies it:
 *
 * <pre>{@code
 * @Asynchronous("payments")
 * @DelayedRetry(initialDelayMs = 1000, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
 * @CommandHandler
 * public void charge(Charge command, Attempt attempt) {
 *     if (attempt.number() > 1) { ... }   // 1, 2, 3: then the dead letter, with attempts = 3
 * }
 * }</pre>
 *
 * <p>The number counts every attempt of this handler at this message, from 1: the first delivery, each instant
 * retry ({@link InstantRetry}), each delayed retry ({@link DelayedRetry}, {@link ErrorHandlerConfiguration}; the count
 * travels with the message, so it survives a restart), and each replay of its dead letter, which continues after
 * the dead letter's {@link DeadLetter#attempts()}. A new send starts at 1, also from a handler retried itself. A
 * redelivery by the broker of an attempt that never finished (a crash, a rollback the transport retries) has the
 * same number again.
 *
 * @param number the attempt, 1 for the first
 * @param replayed whether the call is a replay of a dead letter ({@link DeadLetters#replay})
 */
public record Attempt(int number, boolean replayed) {

    public Attempt {
        if (number < 1) {
            throw new IllegalArgumentException("number must be 1 or more: " + number);
        }
    }

    /** Whether this message was attempted before (by this handler): a retry or a replay. */
    public boolean isRetry() {
        return number > 1;
    }
}
