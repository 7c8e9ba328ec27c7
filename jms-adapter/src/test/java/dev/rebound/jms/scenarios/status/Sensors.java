package dev.rebound.jms.scenarios.status;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handlers of the status scenarios: one that always works, one whose failure (with payload data in its text)
 * stops its channel, and two that fail once, so that {@link BrokenObserver} hears of their retry and breaks.
 */
@ApplicationScoped
public class Sensors {

    public static final String STEADY = "status-steady";
    public static final String STOP = "status-stop";
    public static final String RESTART = "status-restart";
    public static final String FATAL = "status-fatal";
    /** A failure's text that must not leave the log: it carries the payload. */
    public static final String SECRET = "card 4111 1111 1111 1111";

    public record Reading(String id) {
    }

    public record Calibrate(String id) {
    }

    public record Count(String id) {
    }

    public record Measure(String id) {
    }

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Asynchronous(STEADY)
    @CommandHandler
    public void read(Reading reading) {
        handled.add(reading.id());
    }

    @Asynchronous(STOP)
    @CommandHandler
    public void calibrate(Calibrate command) {
        throw new IllegalStateException("calibration of " + command.id() + " charged to " + SECRET + " failed");
    }

    @Asynchronous(RESTART)
    @DelayedRetry(initialDelayMs = 0, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void count(Count command) {
        failFirst(command.id());
    }

    @Asynchronous(FATAL)
    @DelayedRetry(initialDelayMs = 0, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void measure(Measure command) {
        failFirst(command.id());
    }

    private void failFirst(String id) {
        if (calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("first attempt of " + id + " fails");
        }
        handled.add(id);
    }

    public List<String> handled() {
        return List.copyOf(handled);
    }

    public int calls(String id) {
        AtomicInteger count = calls.get(id);
        return count == null ? 0 : count.get();
    }
}
