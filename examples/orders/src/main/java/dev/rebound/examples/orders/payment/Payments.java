package dev.rebound.examples.orders.payment;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.DelayedRetry;
import dev.rebound.EventBus;
import dev.rebound.EventHandler;
import dev.rebound.examples.orders.order.Order;
import dev.rebound.examples.orders.order.OrderPlaced;
import dev.rebound.examples.orders.order.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Charges placed orders, from the {@code payments} queue. When the provider fails, the event goes back to the
 * queue and is tried again after 1 s, 2 s and 4 s; after that it is kept as a dead letter until someone replays
 * it. The order update and the {@code PaymentReceived} event commit together with the handling.
 */
@ApplicationScoped
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class.getName());

    private final PaymentProvider provider;
    private final EntityManager orders;
    private final EventBus events;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public Payments(PaymentProvider provider, EntityManager orders, EventBus events) {
        this.provider = provider;
        this.orders = orders;
        this.events = events;
    }

    /** For CDI's client proxy only. */
    protected Payments() {
        this(null, null, null);
    }

    @Asynchronous("payments")
    @DelayedRetry(initialDelayMs = 1000, multiplier = 2, maxRetries = 3, deadLetterChannel = Channels.DEAD_LETTER)
    @EventHandler
    public void charge(OrderPlaced event) {
        Order order = orders.find(Order.class, event.orderId());
        if (order == null || order.status() != OrderStatus.PLACED) {
            return; // delivered again after it was paid: at-least-once delivery, so charge once only
        }
        LOG.info(() -> "Charging order " + event.orderId() + " (" + event.amount() + ")");
        String reference;
        try {
            reference = provider.charge(event.orderId(), event.amount());
        } catch (PaymentProviderUnavailableException failed) {
            LOG.warning(failed.getMessage());
            throw failed;
        }
        order.paid(reference, clock.instant());
        events.publish(new PaymentReceived(event.orderId(), reference));
        LOG.info(() -> "Order " + event.orderId() + " paid: " + reference);
    }
}
