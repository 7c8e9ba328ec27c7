package dev.rebound.it.isolation;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.ErrorMessage;
import dev.rebound.EventBus;
import dev.rebound.EventHandler;
import dev.rebound.InternalHandler;
import dev.rebound.it.support.Calls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Three handlers of one event on one shared queue, each with its own error handling. */
@ApplicationScoped
public class Projections {

    @Inject
    Calls calls;
    @Inject
    EventBus events;

    @Asynchronous("projections")
    @EventHandler
    public void report(OrderShipped event) {
        calls.record("report " + event.orderId());
    }

    /** Fails every time: one delayed retry, then the dead letter. */
    @Asynchronous("projections")
    @DelayedRetry(initialDelayMs = 300, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @EventHandler
    public void invoice(OrderShipped event) {
        calls.record("invoice " + event.orderId());
        throw new IllegalStateException("invoicing is down");
    }

    /** Fails every time: its failure goes to an internal error channel of its own. */
    @Asynchronous("projections")
    @ErrorChannel("notificationFailures")
    @EventHandler
    public void notifyCustomer(OrderShipped event) {
        calls.record("notify " + event.orderId());
        throw new IllegalStateException("mail server is down");
    }

    @InternalHandler("notificationFailures")
    public void notificationFailed(ErrorMessage error) {
        OrderShipped event = (OrderShipped) error.originalMessage().payload();
        calls.record("notification failure " + event.orderId() + " in " + error.handler() + ": "
                + error.failure().exceptionMessage());
    }

    public void shipped(String orderId) {
        events.publish(new OrderShipped(orderId));
    }
}
