package dev.rebound.jms.scenarios.connectionlost;

import dev.rebound.Asynchronous;
import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler whose database is unreachable for its first calls: they fail with a connection exception (SQLState
 * 08001, wrapped as a data access layer would), then it posts. Its budget is 2 attempts: had the lost connections
 * counted, the message would be a dead letter after the second call.
 */
@ApplicationScoped
public class Postings {

    public record Post(String entry) {
    }

    static final int UNREACHABLE_CALLS = 3;

    private final List<Integer> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger posted = new AtomicInteger();

    @Asynchronous("postings")
    @DelayedRetry(initialDelayMs = 100, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void post(Post command, Attempt attempt) {
        attempts.add(attempt.number());
        if (attempts.size() <= UNREACHABLE_CALLS) {
            throw new IllegalStateException("cannot post " + command.entry(),
                    new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));
        }
        posted.incrementAndGet();
    }

    public List<Integer> attempts() {
        return attempts;
    }

    public int posted() {
        return posted.get();
    }
}
