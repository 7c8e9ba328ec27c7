package dev.rebound.examples.orders.shipping;

import dev.rebound.Asynchronous;
import dev.rebound.EventHandler;
import dev.rebound.examples.orders.order.Order;
import dev.rebound.examples.orders.order.OrderStatus;
import dev.rebound.examples.orders.payment.PaymentReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ships paid orders, from the {@code shipping} queue. Its failures go to the channel's error channel set in
 * {@code microprofile-config.properties}. Packing takes a moment ({@code orders.shipping.packing-ms}), so that
 * the demo shows an order go from PAID to SHIPPED.
 */
@ApplicationScoped
public class Shipping {

    private static final Logger LOG = Logger.getLogger(Shipping.class.getName());

    private final EntityManager orders;
    private final long packingMs;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public Shipping(EntityManager orders, @ConfigProperty(name = "orders.shipping.packing-ms") long packingMs) {
        this.orders = orders;
        this.packingMs = packingMs;
    }

    /** For CDI's client proxy only. */
    protected Shipping() {
        this(null, 0);
    }

    @Asynchronous("shipping")
    @EventHandler
    public void ship(PaymentReceived event) throws InterruptedException {
        Order order = orders.find(Order.class, event.orderId());
        if (order == null || order.status() != OrderStatus.PAID) {
            return; // delivered again after it was shipped
        }
        Thread.sleep(packingMs); // stands in for the warehouse's work
        order.shipped(clock.instant());
        LOG.info(() -> "Order " + event.orderId() + " shipped");
    }
}
