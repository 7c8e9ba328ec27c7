package dev.rebound.jms.scenarios.isolation;

import dev.rebound.Asynchronous;
import dev.rebound.DelayedRetry;
import dev.rebound.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class Projections {

    public record OrderPlaced(String id) {
    }

    private final AtomicInteger stable = new AtomicInteger();
    private final AtomicInteger flaky = new AtomicInteger();

    @Asynchronous("projections")
    @EventHandler
    public void stable(OrderPlaced event) {
        stable.incrementAndGet();
    }

    @Asynchronous("projections")
    @DelayedRetry(initialDelayMs = 0, maxRetries = 5)
    @EventHandler
    public void flaky(OrderPlaced event) {
        if (flaky.incrementAndGet() < 3) {
            throw new IllegalStateException("flaky projection");
        }
    }

    public int stableCalls() {
        return stable.get();
    }

    public int flakyCalls() {
        return flaky.get();
    }
}
