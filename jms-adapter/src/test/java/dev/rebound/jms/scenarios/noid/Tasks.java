package dev.rebound.jms.scenarios.noid;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Every task fails on its first attempt and succeeds on its retry. */
@ApplicationScoped
public class Tasks {

    public record Task(String id) {
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Asynchronous("tasks")
    @DelayedRetry(initialDelayMs = 0, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void run(Task task) throws InterruptedException {
        threads.add(Thread.currentThread().getName());
        if (calls.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("first attempt of " + task.id() + " fails");
        }
        Thread.sleep(20);     // work takes a while: a redelivery that reaches the other consumer waits meanwhile
        done.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    /** The consumer threads that ran the handler. */
    public Set<String> threads() {
        return threads;
    }

    public Map<String, AtomicInteger> done() {
        return done;
    }
}
