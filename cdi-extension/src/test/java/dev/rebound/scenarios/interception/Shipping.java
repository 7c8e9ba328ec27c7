package dev.rebound.scenarios.interception;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorMessage;
import dev.rebound.InstantRetry;
import dev.rebound.InternalHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that fails until healed, the buses that reach it, and an internal error channel. */
public final class Shipping {

    private Shipping() {
    }

    public record Ship(String orderId) {
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 1)
    public interface ShippingBus extends CommandBus {
    }

    @ErrorChannel("shipping-alerts")
    public interface AlertingBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Handlers {
        private final List<String> shipped = new CopyOnWriteArrayList<>();
        private final List<String> alerts = new CopyOnWriteArrayList<>();
        private volatile boolean failing = true;

        @CommandHandler
        public void ship(Ship command) {
            Interceptions.calls.add("handler");
            if (failing) {
                throw new IllegalStateException("carrier unavailable for " + command.orderId());
            }
            shipped.add(command.orderId());
        }

        @InternalHandler("shipping-alerts")
        public void alert(ErrorMessage error) {
            Interceptions.calls.add("handler");
            alerts.add(error.failure().exceptionMessage());
        }

        public void heal() {
            failing = false;
        }

        public List<String> shipped() {
            return shipped;
        }

        public List<String> alerts() {
            return alerts;
        }
    }
}
