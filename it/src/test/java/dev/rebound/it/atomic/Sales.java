package dev.rebound.it.atomic;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.Queues;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

@ApplicationScoped
public class Sales {

    static final String NOTIFICATIONS = "itAtomicOut";

    @Inject
    Rows rows;
    @Inject
    Queues queues;
    @Inject
    Fault fault;
    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    /** Writes a row and sends a JMS message of its own, then may fail: all of it must go, or stay, together. */
    @Asynchronous("sales")
    @DelayedRetry(initialDelayMs = 200, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void record(RecordSale command) {
        calls.record(command.saleId());
        rows.insert(command.saleId(), "atomic");
        queues.sendText(NOTIFICATIONS, command.saleId(), Map.of());
        fault.call("tax service down");
    }

    public void sell(String saleId) {
        commands.send(new RecordSale(saleId));
    }
}
