package dev.rebound.it.tracing;

import dev.rebound.BusinessMethod;
import dev.rebound.CommandHandler;
import dev.rebound.InstantRetry;
import dev.rebound.MessageGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A payment provider that is busy at the first call of each payment, and the gateway that retries it at once. */
public final class Payments {

    private Payments() {
    }

    @MessageGateway
    @InstantRetry(maxRetries = 2)
    public interface Api {
        @BusinessMethod("it.payment.charge")
        String charge(String id);
    }

    /**
     * The application's service that calls the gateway (with CDI's default "annotated" discovery a gateway interface
     * becomes a bean when a bean injects it; the test class is not a bean).
     */
    @ApplicationScoped
    public static class Checkout {

        @Inject
        Api payments;

        public String charge(String id) {
            return payments.charge(id);
        }
    }

    @ApplicationScoped
    public static class Provider {

        private final Set<String> called = ConcurrentHashMap.newKeySet();

        @CommandHandler("it.payment.charge")
        public String charge(String id) {
            if (called.add(id)) {
                throw new IllegalStateException("provider busy for " + id);
            }
            return "charged " + id;
        }
    }
}
