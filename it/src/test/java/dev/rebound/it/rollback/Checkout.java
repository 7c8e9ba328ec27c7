package dev.rebound.it.rollback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The application code that sends through the gateway (a REST resource, typically). Injecting the gateway
 * into a bean is also what makes it a bean in an archive with CDI 4's default "annotated" discovery.
 */
@ApplicationScoped
public class Checkout {

    @Inject
    OrderBus orders;

    /** The order id, or {@code null} when the order ended in the dead letter. */
    public String place(String orderId) {
        return orders.send(new PlaceOrder(orderId));
    }
}
