package dev.rebound.jms.scenarios.unrecoverable;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Invoices retry by their annotation, refunds by the error handler configuration named like their channel; both
 * give up at once on an invalid one.
 */
@ApplicationScoped
public class Billing {

    /** {@code valid}: fails with a plain IllegalStateException, which is retried. */
    public record Invoice(String id, boolean valid) {
    }

    public record Refund(String id) {
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Asynchronous("invoices")
    @DelayedRetry(initialDelayMs = 100, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER,
            abortOn = InvalidInvoiceException.class)
    @CommandHandler
    public void invoice(Invoice command) {
        calls.add(command.id());
        if (!command.valid()) {
            throw new InvalidInvoiceException("invoice " + command.id() + " has no customer");
        }
        throw new IllegalStateException("ledger busy for " + command.id());
    }

    @Asynchronous("refunds")
    @CommandHandler
    public void refund(Refund command) {
        calls.add(command.id());
        throw new InvalidInvoiceException("refund " + command.id() + " has no invoice");
    }

    public List<String> calls() {
        return calls;
    }
}
