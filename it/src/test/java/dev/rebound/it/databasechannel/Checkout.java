package dev.rebound.it.databasechannel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The application code that calls the gateway (which also makes the gateway a bean). */
@ApplicationScoped
public class Checkout {

    @Inject
    OrderBus orders;

    public void place(String orderId) {
        orders.send(new PlaceOrder(orderId));
    }
}
