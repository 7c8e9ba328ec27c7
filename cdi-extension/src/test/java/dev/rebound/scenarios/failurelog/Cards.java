package dev.rebound.scenarios.failurelog;

import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorMessage;
import dev.rebound.InstantRetry;
import dev.rebound.InternalHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** A card payment that always fails with the card number in its exception message, as real exceptions do. */
public final class Cards {
    private Cards() {
    }

    public record Charge(String card) {
    }

    @Transactional
    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 2)
    public interface DeadLetteringCards extends CommandBus {
    }

    @ErrorChannel("cardFailures")
    public interface AlertingCards extends CommandBus {
    }

    @ApplicationScoped
    public static class Processor {
        @CommandHandler
        public void charge(Charge command) {
            throw new IllegalStateException("card " + command.card() + " declined\nby the issuer");
        }
    }

    @ApplicationScoped
    public static class Alerts {
        @InternalHandler("cardFailures")
        public void on(ErrorMessage error) {
        }
    }
}
