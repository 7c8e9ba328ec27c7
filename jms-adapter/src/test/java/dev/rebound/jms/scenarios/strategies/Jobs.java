package dev.rebound.jms.scenarios.strategies;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One handler per final failure strategy; each fails its first {@code failures} calls. */
@ApplicationScoped
public class Jobs {

    public record Resend(String id) {
    }

    public record ResendForever(String id) {
    }

    public record Release(String id) {
    }

    public record Ignore(String id) {
    }

    public record Stop(String id) {
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> times = new ConcurrentHashMap<>();

    private void failFirst(String name, int failures) {
        times.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        if (calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet() <= failures) {
            throw new IllegalStateException(name + " failed");
        }
    }

    @Asynchronous("resend")
    @CommandHandler
    public void resend(Resend job) {
        failFirst("resend", 1);
    }

    @Asynchronous("resend-forever")
    @CommandHandler
    public void resendForever(ResendForever job) {
        failFirst("resend-forever", Integer.MAX_VALUE);
    }

    @Asynchronous("release")
    @CommandHandler
    public void release(Release job) {
        failFirst("release", 1);
    }

    @Asynchronous("ignore")
    @CommandHandler
    public void ignore(Ignore job) {
        failFirst("ignore", Integer.MAX_VALUE);
    }

    @Asynchronous("stop")
    @CommandHandler
    public void stop(Stop job) {
        failFirst("stop", Integer.MAX_VALUE);
    }

    /** When each call began, in nanoseconds. */
    public List<Long> times(String name) {
        return times.getOrDefault(name, List.of());
    }

    public int calls(String name) {
        return calls.getOrDefault(name, new AtomicInteger()).get();
    }
}
