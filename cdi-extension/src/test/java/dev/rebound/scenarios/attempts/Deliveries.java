package dev.rebound.scenarios.attempts;

import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import dev.rebound.Message;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that records the attempt it is given and fails until healed; a bus that retries it twice. */
public final class Deliveries {

    private Deliveries() {
    }

    public record Deliver(String parcel) {
    }

    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 2)
    public interface DeliveryBus extends CommandBus {
    }

    @ApplicationScoped
    public static class Courier {
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private volatile boolean failing = true;

        /** The attempt may come anywhere after the payload, beside the other parameters. */
        @CommandHandler
        public void deliver(Deliver command, Attempt attempt, Message message) {
            attempts.add(attempt);
            if (failing) {
                throw new IllegalStateException("van broken down for " + command.parcel());
            }
        }

        public void heal() {
            failing = false;
        }

        public List<Attempt> attempts() {
            return attempts;
        }
    }
}
