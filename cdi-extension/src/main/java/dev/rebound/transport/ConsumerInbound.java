package dev.rebound.transport;

import dev.rebound.core.Delivery;
import dev.rebound.core.async.ConsumerHandling;
import dev.rebound.deadletter.DeadLetterChannel;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Rebound as transports see it, over {@link ConsumerHandling} (handler, transaction, failure routing) and the
 * dead letter channel (poison messages). A thin adapter: the pipeline's own {@link Inbound} replaces it.
 */
public final class ConsumerInbound implements Inbound {

    private final ConsumerHandling handling;
    private final DeadLetterChannel deadLetters;
    private final Clock clock;

    public ConsumerInbound(ConsumerHandling handling, DeadLetterChannel deadLetters, Clock clock) {
        this.handling = handling;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    public int concurrentConsumers(String channel) {
        return handling.concurrentConsumers(channel);
    }

    @Override
    public Attempt attempt(String channel, Envelope envelope) {
        Delivery delivery = handling.delivery(envelope);
        return new Attempt() {
            @Override
            public void run() throws Throwable {
                handling.handleInOwnTransaction(delivery);
            }

            @Override
            public void runInUnit() throws Throwable {
                handling.handleInCurrentTransaction(delivery);
            }

            @Override
            public Outcome failed(Throwable failure) {
                return handling.failed(channel, envelope, delivery, failure);
            }

            @Override
            public Outcome deadLetter(Throwable failure) {
                return handling.deadLetter(envelope, delivery, failure);
            }

            @Override
            public String handler() {
                return delivery.currentHandler() != null ? delivery.currentHandler().id()
                        : delivery.target() != null ? delivery.target().id() : null;
            }
        };
    }

    @Override
    public void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction) {
        handling.deliver(deliver, inCurrentTransaction);
    }

    @Override
    public void poison(UUID id, String channel, String body, Map<String, String> properties, String reason) {
        deadLetters.savePoison(id, channel, body, properties, reason, clock.instant());
    }
}
