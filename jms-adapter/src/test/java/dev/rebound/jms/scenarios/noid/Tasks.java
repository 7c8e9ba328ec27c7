package dev.rebound.jms.scenarios.noid;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Every task fails on its first attempt and succeeds on its retry. */
@ApplicationScoped
public class Tasks {

    public record Task(String id) {
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();

    @Asynchronous("tasks")
    @DelayedRetry(initialDelayMs = 0, maxAttempts = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void run(Task task) {
        if (calls.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("first attempt of " + task.id() + " fails");
        }
        done.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    public Map<String, AtomicInteger> done() {
        return done;
    }
}
