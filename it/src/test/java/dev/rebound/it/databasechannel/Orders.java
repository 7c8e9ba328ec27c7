package dev.rebound.it.databasechannel;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Placing an order (synchronous, in the gateway's transaction) writes the order row and sends {@link ShipOrder} to
 * the database channel {@value #CHANNEL}: the message is a row of rebound_message in the same transaction. Shipping
 * (asynchronous, in the database consumer's unit) writes the shipment row. Either may be switched to fail.
 */
@ApplicationScoped
public class Orders {

    static final String CHANNEL = "itShipments";
    static final long RETRY_DELAY_MS = 1500;

    @Inject
    Rows rows;
    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    /** Failures left for {@link #place} and {@link #ship}; {@link Integer#MAX_VALUE}: always. */
    private final AtomicInteger placeFailures = new AtomicInteger();
    private final AtomicInteger shipFailures = new AtomicInteger();

    /** (Methods, not fields: a test holds the client proxy.) */
    public void failPlacing(int times) {
        placeFailures.set(times);
    }

    public void failShipping(int times) {
        shipFailures.set(times);
    }

    @CommandHandler
    public void place(PlaceOrder command) {
        calls.record("place-" + command.orderId());
        rows.insert("order-" + command.orderId() + "-" + calls.count("place-" + command.orderId()), command.orderId());
        commands.send(new ShipOrder(command.orderId()));
        fail(placeFailures, "order service down for " + command.orderId());
    }

    @Asynchronous(CHANNEL)
    @DelayedRetry(initialDelayMs = RETRY_DELAY_MS, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void ship(ShipOrder command) {
        calls.record("ship-" + command.orderId());
        rows.insert("shipment-" + command.orderId() + "-" + calls.count("ship-" + command.orderId()),
                command.orderId());
        fail(shipFailures, "carrier down for " + command.orderId());
    }

    private static void fail(AtomicInteger failures, String what) {
        if (failures.getAndUpdate(n -> n == Integer.MAX_VALUE || n == 0 ? n : n - 1) > 0) {
            throw new IllegalStateException("fault switched on: " + what);
        }
    }
}
