package dev.rebound.opentelemetry.instant;

import dev.rebound.BusinessMethod;
import dev.rebound.CommandHandler;
import dev.rebound.InstantRetry;
import dev.rebound.MessageGateway;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A payment provider that fails the first call of each payment, and the gateway that retries it at once. */
public final class Payments {

    private Payments() {
    }

    @MessageGateway
    @InstantRetry(maxRetries = 2)
    public interface Api {
        @BusinessMethod("payment.charge")
        String charge(String id);
    }

    @ApplicationScoped
    public static class Provider {

        private final AtomicInteger calls = new AtomicInteger();

        @CommandHandler("payment.charge")
        public String charge(String id) {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("provider busy for " + id);
            }
            return "charged " + id;
        }
    }
}
