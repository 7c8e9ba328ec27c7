package dev.rebound.it.dedup;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * A payment provider's webhook on the JMS queue itDedup, with two consumers: each call writes an effect row with a
 * key of its own (so that the table itself would take a second effect), deduplicated by the header paymentId.
 */
@ApplicationScoped
public class Webhooks {

    static final String CHANNEL = "webhooks";
    static final String QUEUE = "itDedup";

    @Inject
    Rows rows;
    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    /**
     * Without a retry policy on purpose: any failure of the claim (a database error) would stop the channel's
     * consumers (final strategy STOP) and the rest of the copies would wait, so the test sees it. Two copies meeting
     * on the primary key (Derby) are retried as an optimistic-lock conflict (REBOUND-1076), which is the default.
     */
    @Asynchronous(CHANNEL)
    @Deduplicated("paymentId")
    @CommandHandler
    public void paid(Paid event) {
        calls.record(event.paymentId());
        rows.insert(UUID.randomUUID().toString(), event.paymentId());
    }

    /** {@code copies} copies of the payment's message (each a message id of its own), in one transaction. */
    @Transactional
    public void sendCopies(String paymentId, int copies) {
        for (int i = 0; i < copies; i++) {
            commands.send(new Paid(paymentId), Map.of("paymentId", paymentId));
        }
    }
}
