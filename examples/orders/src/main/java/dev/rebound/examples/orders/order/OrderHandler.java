package dev.rebound.examples.orders.order;

import dev.rebound.CommandHandler;
import dev.rebound.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/**
 * Places orders. The row and the {@code OrderPlaced} event commit together: the event goes to the payments
 * queue in the same JTA transaction, so a rolled-back order never gets charged.
 */
@ApplicationScoped
public class OrderHandler {

    private final EntityManager orders;
    private final EventBus events;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public OrderHandler(EntityManager orders, EventBus events) {
        this.orders = orders;
        this.events = events;
    }

    /** For CDI's client proxy only. */
    protected OrderHandler() {
        this(null, null);
    }

    @CommandHandler
    public String place(PlaceOrder command) {
        if (orders.find(Order.class, command.orderId()) == null) {
            orders.persist(new Order(command.orderId(), command.product(), command.amount(), clock.instant()));
            events.publish(new OrderPlaced(command.orderId(), command.amount()));
        }
        return command.orderId();
    }
}
