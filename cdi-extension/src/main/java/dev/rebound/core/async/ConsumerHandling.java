package dev.rebound.core.async;

import dev.rebound.spi.Outcome;
import dev.rebound.core.Delivery;
import dev.rebound.core.Dispatcher;
import dev.rebound.core.HandlerKind;
import dev.rebound.core.HandlerMethod;
import dev.rebound.core.Route;
import dev.rebound.core.tx.Transactions;
import dev.rebound.spi.Envelope;

/**
 * The consumer side of an asynchronous channel, independent of the transport: runs the envelope's handler
 * in a JTA transaction of its own (when a transaction manager is available) and turns a failure into an
 * {@link Outcome} for the consumer to carry out. Thread-safe.
 */
public final class ConsumerHandling {

    private final Dispatcher dispatcher;
    private final Transactions transactions;
    private final FailureRouter router;
    private final ConsumerPolicies policies;

    public ConsumerHandling(Dispatcher dispatcher, Transactions transactions, FailureRouter router,
                            ConsumerPolicies policies) {
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.router = router;
        this.policies = policies;
    }

    /** How many consumers the channel runs at once. */
    public int concurrentConsumers(String channel) {
        return policies.consumer(channel).concurrentConsumers();
    }

    /** Runs the envelope's handler in a JTA transaction of its own (if there is a manager); never throws. */
    public Outcome handle(String channel, Envelope envelope) {
        Delivery delivery = delivery(envelope);
        try {
            handleInOwnTransaction(delivery);
            return Outcome.DONE;
        } catch (Throwable failure) {
            return failed(channel, envelope, delivery, failure);
        }
    }

    /**
     * Runs the delivery's handler in a JTA transaction of its own (if there is a manager), committed or rolled
     * back when it returns; throws what the handler throws.
     */
    public void handleInOwnTransaction(Delivery delivery) throws Throwable {
        if (transactions.available()) {
            transactions.inNewTransaction(() -> dispatcher.handle(delivery));
        } else {
            dispatcher.handle(delivery);
        }
    }

    /** The delivery of an envelope taken off a queue, continuing the envelope's attempts. */
    public Delivery delivery(Envelope envelope) {
        HandlerMethod handler = dispatcher.registry().byId(envelope.handler()).orElse(null);
        return new Delivery(envelope.message(), route(envelope, handler), envelope.origin(), handler,
                envelope.attempt());
    }

    /**
     * Runs the delivery's handler in the caller's transaction, for a consumer whose receive, handler and
     * acknowledgement are one JTA transaction. Throws what the handler throws; the caller rolls back, then
     * asks {@link #failed} where the failure goes.
     */
    public void handleInCurrentTransaction(Delivery delivery) throws Throwable {
        dispatcher.handle(delivery);
    }

    /** Where a failed delivery goes; to be called with no transaction of the failed work active. */
    public Outcome failed(String channel, Envelope envelope, Delivery delivery, Throwable failure) {
        return router.route(channel, envelope, delivery, failure);
    }

    /** The failed delivery goes to the dead letter, whatever its policy: see {@link FailureRouter#deadLetter}. */
    public Outcome deadLetter(Envelope envelope, Delivery delivery, Throwable failure) {
        return router.deadLetter(envelope, delivery, failure);
    }

    /** Carries out a {@link Outcome.Deliver}: see {@link FailureRouter#carryOut}. */
    public void deliver(Outcome.Deliver deliver, boolean inCurrentTransaction) {
        router.carryOut(deliver, inCurrentTransaction);
    }

    private static Route route(Envelope envelope, HandlerMethod handler) {
        if (handler != null) {
            return new Route(handler.kind(), handler.routingKey());
        }
        HandlerKind kind = envelope.kind() == null ? HandlerKind.COMMAND : HandlerKind.valueOf(envelope.kind());
        return new Route(kind, envelope.message().headers().routingKey());
    }
}
