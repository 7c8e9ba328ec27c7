package dev.rebound.it.rollback;

import dev.rebound.CommandHandler;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class Orders {

    @Inject
    Rows rows;
    @Inject
    Fault fault;

    /** Writes the order, then calls the (switchable) payment provider: a failure must take the row away. */
    @CommandHandler
    public String place(PlaceOrder command) {
        rows.insert(command.orderId(), "rollback");
        fault.call("payment provider down for " + command.orderId());
        return command.orderId();
    }
}
