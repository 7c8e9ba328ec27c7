package dev.rebound.it.relay;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The handler of the JMS channel {@value #CHANNEL} (queue itRelay of the messaging engine), whose senders go through
 * the outbox {@value #OUTBOX}: a send is a row written in the sender's transaction, relayed to the queue after the
 * commit.
 */
@ApplicationScoped
public class Invoices {

    static final String CHANNEL = "invoices";
    static final String OUTBOX = "itInvoicesOutbox";
    static final String QUEUE = "itRelay";

    @Inject
    Rows rows;
    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    /** The business transaction: a row of its own and {@code ids.length} invoices to send. */
    @Transactional
    public void bill(String billId, String... ids) {
        rows.insert("bill-" + billId, billId);
        for (String id : ids) {
            commands.send(new SendInvoice(id));
        }
    }

    @Asynchronous(CHANNEL)
    @CommandHandler
    public void send(SendInvoice command) {
        calls.record(command.invoiceId());
        rows.insert("invoice-" + command.invoiceId() + "-" + calls.count(command.invoiceId()), command.invoiceId());
    }
}
