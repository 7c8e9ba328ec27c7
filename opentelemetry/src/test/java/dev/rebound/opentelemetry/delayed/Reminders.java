package dev.rebound.opentelemetry.delayed;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends reminders later; the first delivery fails, the delayed retry succeeds. */
@ApplicationScoped
public class Reminders {

    public record Remind(String id) {
    }

    private final AtomicInteger calls = new AtomicInteger();

    @Asynchronous("reminders")
    @DelayedRetry(initialDelayMs = 50, maxRetries = 2)
    @CommandHandler
    public void remind(Remind command) {
        if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("no route for " + command.id());
        }
    }
}
