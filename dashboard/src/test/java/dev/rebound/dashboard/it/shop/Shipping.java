package dev.rebound.dashboard.it.shop;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Ships orders from queue "shipping"; while the carrier is down each order fails, is retried once, then dead-lettered. */
@ApplicationScoped
public class Shipping {

    private final List<String> shipped = new CopyOnWriteArrayList<>();
    private volatile boolean carrierDown;

    @Asynchronous("shipping")
    @DelayedRetry(initialDelayMs = 100, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void ship(ShipOrder command) {
        if (carrierDown) {
            throw new IllegalStateException("carrier unavailable for order " + command.orderId());
        }
        shipped.add(command.orderId());
    }

    public void carrierDown(boolean down) {
        carrierDown = down;
    }

    public List<String> shipped() {
        return List.copyOf(shipped);
    }
}
