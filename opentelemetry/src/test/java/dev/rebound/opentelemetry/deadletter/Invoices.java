package dev.rebound.opentelemetry.deadletter;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends invoices later; fails while the mail server is down, retried once after 50 ms, then a dead letter. */
@ApplicationScoped
public class Invoices {

    public record SendInvoice(String id) {
    }

    private volatile boolean down = true;

    @Asynchronous("invoices")
    @DelayedRetry(initialDelayMs = 50, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void send(SendInvoice command) {
        if (down) {
            throw new IllegalStateException("mail server down for " + command.id());
        }
    }

    public void recover() {
        down = false;
    }
}
