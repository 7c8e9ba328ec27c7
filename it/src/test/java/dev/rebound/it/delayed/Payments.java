package dev.rebound.it.delayed;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class Payments {

    static final long DELAY_MS = 2000;

    @Inject
    Rows rows;
    @Inject
    Fault fault;
    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    /** A flaky payment provider: retried twice, 2 s apart, through the queue; then the dead letter. */
    @Asynchronous("payments")
    @DelayedRetry(initialDelayMs = DELAY_MS, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void charge(ChargePayment command) {
        calls.record(command.paymentId());
        rows.insert(command.paymentId() + "-" + calls.count(command.paymentId()), command.paymentId());
        fault.call("payment provider down");
    }

    /** The application side: sending puts the command on the queue and returns at once. */
    public Object request(String paymentId) {
        return commands.send(new ChargePayment(paymentId));
    }
}
