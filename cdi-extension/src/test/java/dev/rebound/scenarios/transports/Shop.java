package dev.rebound.scenarios.transports;

import dev.rebound.Asynchronous;
import dev.rebound.BusinessMethod;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorHandlerConfiguration;
import dev.rebound.RetryTemplate;
import dev.rebound.MessageGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Handlers on two asynchronous channels, and ones that ask their channel for delayed retries. */
public final class Shop {

    private Shop() {
    }

    public record PlaceOrder(String id) {
    }

    public record Audit(String what) {
    }

    @ApplicationScoped
    public static class Orders {
        private final List<PlaceOrder> placed = new CopyOnWriteArrayList<>();

        @Asynchronous("orders")
        @CommandHandler
        public void place(PlaceOrder command) {
            placed.add(command);
        }

        public List<PlaceOrder> placed() {
            return placed;
        }
    }

    @ApplicationScoped
    public static class Auditing {
        private final List<Audit> audited = new CopyOnWriteArrayList<>();

        @Asynchronous("audit")
        @CommandHandler
        public void audit(Audit command) {
            audited.add(command);
        }

        public List<Audit> audited() {
            return audited;
        }
    }

    /** Retries later on its own channel: that channel's transport must deliver later. */
    @ApplicationScoped
    public static class RetryingOrders {
        @Asynchronous("orders")
        @DelayedRetry(initialDelayMs = 100, maxRetries = 2)
        @CommandHandler
        public void place(PlaceOrder command) {
        }
    }

    /** Failures on channel audit are retried later, by an error handler configuration named like the channel. */
    @ApplicationScoped
    public static class AuditRetries {
        @Produces
        ErrorHandlerConfiguration audit() {
            return ErrorHandlerConfiguration.of("audit", RetryTemplate.fixedBackoff(100).maxRetries(2));
        }
    }

    /** A gateway whose delayed retries apply to the queued handler it reaches. */
    @MessageGateway
    @DelayedRetry(initialDelayMs = 100, maxRetries = 2)
    public interface RetryingApi {
        @BusinessMethod("shipment.book")
        void book(String shipment);
    }

    @ApplicationScoped
    public static class Shipping {
        @Asynchronous("shipments")
        @CommandHandler("shipment.book")
        public void book(String shipment) {
        }
    }
}
