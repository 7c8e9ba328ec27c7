package dev.rebound.opentelemetry.logs;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import jakarta.enterprise.context.ApplicationScoped;

/** A courier desk that is never reachable: booking fails at once (a gateway), a pickup fails later (a queue). */
public final class Couriers {

    private Couriers() {
    }

    public record Book(String id) {
    }

    public record Pickup(String id) {
    }

    /** The gateway: one instant retry, then the dead letter. */
    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 1)
    public interface Desk extends CommandBus {
    }

    @ApplicationScoped
    public static class Handlers {

        @CommandHandler
        public void book(Book command) {
            throw new IllegalStateException("no courier for booking " + command.id());
        }

        @Asynchronous("pickups")
        @DelayedRetry(initialDelayMs = 50, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
        @CommandHandler
        public void pickup(Pickup command) {
            throw new IllegalStateException("no courier for pickup " + command.id());
        }
    }
}
