package dev.rebound.database.sending;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Asynchronous handlers on database channels: one that succeeds, one that always fails with a long retry delay. */
@ApplicationScoped
public class Orders {

    public record PlaceOrder(String id) {
    }

    public record FlakyOrder(String id) {
    }

    public static final long RETRY_DELAY_MS = 3000;

    private final List<String> placed = new CopyOnWriteArrayList<>();
    private final List<Long> flakyCalls = new CopyOnWriteArrayList<>();

    @Asynchronous("orders")
    @CommandHandler
    public void place(PlaceOrder command) {
        placed.add(command.id());
    }

    @Asynchronous("flaky-orders")
    @DelayedRetry(initialDelayMs = RETRY_DELAY_MS, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void flaky(FlakyOrder command) {
        flakyCalls.add(System.currentTimeMillis());
        throw new IllegalStateException("order " + command.id() + " failed on purpose");
    }

    public List<String> placed() {
        return placed;
    }

    public List<Long> flakyCalls() {
        return flakyCalls;
    }
}
