package dev.rebound.it.tracing;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Invoices mailed asynchronously over the messaging engine; a mail server that is down for some of them. */
@ApplicationScoped
public class Invoices {

    public record SendInvoice(String id) {
    }

    private final Set<String> down = ConcurrentHashMap.newKeySet();

    @Inject
    Rows rows;

    @Asynchronous("invoices")
    @DelayedRetry(initialDelayMs = 300, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void send(SendInvoice command) {
        if (down.contains(command.id())) {
            throw new IllegalStateException("mail server down for " + command.id());
        }
        rows.insert(command.id(), command.id()); // row id, scenario: counted by scenario
    }

    void failFor(String id) {
        down.add(id);
    }

    void recover(String id) {
        down.remove(id);
    }
}
