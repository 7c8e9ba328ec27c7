package dev.rebound.jms.scenarios.environment;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** An asynchronous handler whose channel is configured through environment variables only. */
@ApplicationScoped
public class Wages {

    public record PayWage(String employee) {
    }

    private final AtomicInteger attempts = new AtomicInteger();

    @Asynchronous("wages")
    @CommandHandler
    public void pay(PayWage command) {
        attempts.incrementAndGet();
        throw new IllegalStateException("account of " + command.employee() + " is closed");
    }

    public int attempts() {
        return attempts.get();
    }
}
