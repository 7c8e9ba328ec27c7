package dev.rebound.scenarios.environment;

import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A synchronous application configured through environment variables. */
public final class Payroll {
    private Payroll() {
    }

    public record PaySalary(String employee) {
    }

    @InstantRetry(maxRetries = 1)
    public interface PayrollBus extends CommandBus {
    }

    /** Names an error channel that only configuration defines (a delayed retry: not possible without a queue). */
    @ErrorChannel("retryLater")
    public interface LaterBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Cashier {
        private final AtomicInteger calls = new AtomicInteger();

        @CommandHandler
        public void pay(PaySalary command) {
            calls.incrementAndGet();
            throw new IllegalStateException("bank closed");
        }

        public int calls() {
            return calls.get();
        }
    }
}
