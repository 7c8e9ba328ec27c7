package dev.rebound.pipeline;

import dev.rebound.core.Delivery;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.HandlerRegistry;
import dev.rebound.core.Pipeline;
import dev.rebound.core.Route;
import dev.rebound.core.async.ConsumerPolicies;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.Outcome;
import java.util.Map;
import java.util.UUID;

/**
 * Rebound as a transport sees it ({@link Inbound}): a message taken off a queue runs through the consumer
 * pipeline (its own transaction) or the unit pipeline (the transport's open transaction), and a failure is decided
 * ({@link FailureDecision}) and then logged and told ({@link FailureExecutor}) after the rollback. Thread-safe.
 */
public final class ConsumerEntry implements Inbound {

    /** Keeps an unreadable message as a dead letter (the dead letter channel's {@code savePoison}). */
    @FunctionalInterface
    public interface PoisonStore {
        /** See {@link Inbound#poison}. */
        void store(UUID id, String channel, String body, Map<String, String> properties, String reason);
    }

    private final HandlerRegistry registry;
    private final Pipeline consumer;
    private final Pipeline unit;
    private final FailureDecision decision;
    private final FailureExecutor executor;
    private final ConsumerPolicies policies;
    private final PoisonStore poison;
    private final Pipelines pipelines;

    public ConsumerEntry(HandlerRegistry registry, Pipelines pipelines, FailureDecision decision,
                         FailureExecutor executor, ConsumerPolicies policies, PoisonStore poison) {
        this.registry = registry;
        this.consumer = pipelines.consumer();
        this.unit = pipelines.unit();
        this.decision = decision;
        this.executor = executor;
        this.policies = policies;
        this.poison = poison;
        this.pipelines = pipelines;
    }

    @Override
    public int concurrentConsumers(String channel) {
        return policies.consumer(channel).concurrentConsumers();
    }

    @Override
    public Attempt attempt(String channel, Envelope envelope) {
        return new ConsumerAttempt(channel, envelope, delivery(envelope));
    }

    @Override
    public void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction) {
        executor.deliver(deliver, inCurrentTransaction);
    }

    @Override
    public void poison(UUID id, String channel, String body, Map<String, String> properties, String reason) {
        poison.store(id, channel, body, properties, reason);
    }

    /** The delivery of an envelope taken off a queue, to the handler it names, continuing its attempts. */
    Delivery delivery(Envelope envelope) {
        HandlerMethod handler = envelope.handler() == null ? null : registry.byId(envelope.handler()).orElse(null);
        return new Delivery(envelope.message(), route(envelope, handler), envelope.origin(), handler,
                envelope.attempt());
    }

    private Outcome failed(String channel, Envelope envelope, Delivery delivery, Throwable failure, boolean inUnit) {
        if (inUnit && pipelines.locks().conflict(failure)) {
            Outcome.Forward again = redelivery(channel, envelope, delivery);
            if (again != null) {
                return executor.decided(channel, envelope, delivery, failure,
                        new FailureDecision.Decision(again, FailureDecision.Reason.OPTIMISTIC_LOCK));
            }
        }
        return executor.decided(channel, envelope, delivery, failure,
                decision.decide(channel, envelope, delivery, failure));
    }

    /**
     * An optimistic-lock conflict in the transport's unit: the unit's transaction holds the receive too, so no
     * attempt can start afresh inside it; the unit is rolled back and the message comes back to its queue after
     * the back-off as its next attempt, while its attempts (which count every attempt, also delayed retries)
     * are within the optimistic-lock budget; {@code null} past it, the failure is then decided as any other.
     */
    private Outcome.Forward redelivery(String channel, Envelope envelope, Delivery delivery) {
        int retry = envelope.attempt();
        if (retry > pipelines.lockRetry().maxRetries(delivery.currentHandler())) {
            return null;
        }
        return new Outcome.Forward(channel, envelope.nextAttempt(),
                pipelines.lockRetry().delayMs(retry, pipelines.random()));
    }

    private Outcome deadLetter(Envelope envelope, Delivery delivery, Throwable failure) {
        return executor.decided(null, envelope, delivery, failure, decision.deadLetter(envelope, delivery, failure));
    }

    private static Route route(Envelope envelope, HandlerMethod handler) {
        if (handler != null) {
            return new Route(handler.kind(), handler.routingKey());
        }
        HandlerKind kind = envelope.kind() == null ? HandlerKind.COMMAND : HandlerKind.valueOf(envelope.kind());
        return new Route(kind, envelope.message().headers().routingKey());
    }

    /** One handling of one envelope, on the consumer thread that took it. */
    private final class ConsumerAttempt implements Attempt {

        private final String channel;
        private final Envelope envelope;
        private final Delivery delivery;
        /** Whether it ran in the transport's transaction (set before it runs, read after, on the same thread). */
        private boolean inUnit;

        ConsumerAttempt(String channel, Envelope envelope, Delivery delivery) {
            this.channel = channel;
            this.envelope = envelope;
            this.delivery = delivery;
        }

        @Override
        public void run() throws Throwable {
            consumer.handle(delivery);
        }

        @Override
        public void runInUnit() throws Throwable {
            inUnit = true;
            unit.handle(delivery);
        }

        @Override
        public Outcome failed(Throwable failure) {
            return ConsumerEntry.this.failed(channel, envelope, delivery, failure, inUnit);
        }

        @Override
        public Outcome deadLetter(Throwable failure) {
            return ConsumerEntry.this.deadLetter(envelope, delivery, failure);
        }

        @Override
        public String handler() {
            HandlerMethod handler = delivery.currentHandler();
            return handler != null ? handler.id() : envelope.handler();
        }
    }
}
