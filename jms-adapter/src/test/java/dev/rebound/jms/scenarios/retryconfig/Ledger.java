package dev.rebound.jms.scenarios.retryconfig;

import dev.rebound.Asynchronous;
import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Three asynchronous handlers with the same {@code @DelayedRetry(maxRetries = 4)}, in two classes, so that one
 * deployment shows which configuration key wins for each: the method's, the class's, the global one.
 */
public final class Ledger {

    private Ledger() {
    }

    public record Post(String entry) {
    }

    public record Reverse(String entry) {
    }

    public record Book(String entry) {
    }

    /** Each handler's attempts, as {@code entry/number}. */
    public static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    /** Records the attempt and fails it, as every handler here does. */
    static void fail(String entry, Attempt attempt) {
        ATTEMPTS.add(entry + "/" + attempt.number());
        throw new IllegalStateException("ledger closed for " + entry);
    }

    @ApplicationScoped
    public static class Postings {

        @Asynchronous("postings")
        @DelayedRetry(initialDelayMs = 50, maxRetries = 4, deadLetterChannel = Channels.DEAD_LETTER)
        @CommandHandler
        public void post(Post command, Attempt attempt) {
            fail(command.entry(), attempt);
        }

        @Asynchronous("reversals")
        @DelayedRetry(initialDelayMs = 50, maxRetries = 4, deadLetterChannel = Channels.DEAD_LETTER)
        @CommandHandler
        public void reverse(Reverse command, Attempt attempt) {
            fail(command.entry(), attempt);
        }
    }

    @ApplicationScoped
    public static class Journal {

        @Asynchronous("bookings")
        @DelayedRetry(initialDelayMs = 50, maxRetries = 4, deadLetterChannel = Channels.DEAD_LETTER)
        @CommandHandler
        public void book(Book command, Attempt attempt) {
            fail(command.entry(), attempt);
        }
    }
}
