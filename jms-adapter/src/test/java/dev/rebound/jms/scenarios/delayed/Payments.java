package dev.rebound.jms.scenarios.delayed;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class Payments {

    public record Charge(String id) {
    }

    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);

    @Asynchronous("payments")
    @DelayedRetry(initialDelayMs = 400, multiplier = 2, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void charge(Charge command) {
        attempts.add(System.nanoTime());
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("provider down for " + command.id());
        }
    }

    public List<Long> attempts() {
        return attempts;
    }

    public void failTimes(int times) {
        failuresLeft.set(times);
    }
}
