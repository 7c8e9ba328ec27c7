package dev.rebound.contract;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One asynchronous handler per scenario of {@link TransportContract}, each on a channel of its own. Each records
 * when it was called, per message id, and fails the first {@code failures} calls of each message.
 */
@ApplicationScoped
public class ContractHandlers {

    /** A command for the channel {@code channel}; {@code id} tells the messages of one test apart. */
    public record Deliver(String id) {
    }

    public record Delay(String id) {
    }

    public record Forward(String id) {
    }

    public record Ignore(String id) {
    }

    public record Resend(String id) {
    }

    public record ResendForever(String id) {
    }

    public record Release(String id) {
    }

    public record Stop(String id) {
    }

    public record Restart(String id) {
    }

    /** Never sent as such: the channel {@code contract-poison} exists for the unreadable messages sent to it. */
    public record Poison(String id) {
    }

    /** The delay of the delayed retries of channels {@code contract-delay} and {@code contract-forward}. */
    public static final long RETRY_DELAY_MS = 800;

    private final Map<String, List<Long>> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    @Asynchronous("contract-deliver")
    @CommandHandler
    public void deliver(Deliver command) {
        called("deliver/" + command.id(), 0);
    }

    @Asynchronous("contract-delay")
    @DelayedRetry(initialDelayMs = RETRY_DELAY_MS, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void delay(Delay command) {
        called("delay/" + command.id(), 1);
    }

    @Asynchronous("contract-forward")
    @DelayedRetry(initialDelayMs = 200, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void forward(Forward command) {
        called("forward/" + command.id(), 1);
    }

    @Asynchronous("contract-ignore")
    @CommandHandler
    public void ignore(Ignore command) {
        called("ignore/" + command.id(), Integer.MAX_VALUE);
    }

    @Asynchronous("contract-resend")
    @CommandHandler
    public void resend(Resend command) {
        called("resend/" + command.id(), 1);
    }

    @Asynchronous("contract-resend-forever")
    @CommandHandler
    public void resendForever(ResendForever command) {
        called("resend-forever/" + command.id(), Integer.MAX_VALUE);
    }

    @Asynchronous("contract-release")
    @CommandHandler
    public void release(Release command) {
        called("release/" + command.id(), 1);
    }

    @Asynchronous("contract-stop")
    @CommandHandler
    public void stop(Stop command) {
        called("stop/" + command.id(), 1);
    }

    @Asynchronous("contract-restart")
    @CommandHandler
    public void restart(Restart command) {
        called("restart/" + command.id(), 0);
    }

    @Asynchronous("contract-poison")
    @CommandHandler
    public void poison(Poison command) {
        called("poison/" + command.id(), 0);
    }

    private void called(String key, int failFirst) {
        calls.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        if (failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= failFirst) {
            throw new IllegalStateException(key + " failed on purpose");
        }
    }

    /** How often the handler of {@code scenario} ran for the message {@code id}. */
    public int calls(String scenario, String id) {
        return times(scenario, id).size();
    }

    /** When the handler of {@code scenario} began for the message {@code id}, in nanoseconds, oldest first. */
    public List<Long> times(String scenario, String id) {
        return calls.getOrDefault(scenario + "/" + id, List.of());
    }
}
