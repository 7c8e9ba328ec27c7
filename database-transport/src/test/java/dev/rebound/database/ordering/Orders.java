package dev.rebound.database.ordering;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Handlers on two ordered JMS channels keyed by the payload's order id: {@code orders}, whose senders go through an
 * outbox, and {@code lines}, sent to directly.
 */
@ApplicationScoped
public class Orders {

    public record Ship(String orderId, int seq) {
    }

    public record AddLine(String orderId, int seq) {
    }

    private final List<Ship> shipped = new CopyOnWriteArrayList<>();
    private final List<AddLine> lines = new CopyOnWriteArrayList<>();

    @Asynchronous("orders")
    @CommandHandler
    public void ship(Ship command) {
        shipped.add(command);
    }

    @Asynchronous("lines")
    @CommandHandler
    public void add(AddLine command) {
        lines.add(command);
    }

    public List<Ship> shipped() {
        return shipped;
    }

    public List<AddLine> lines() {
        return lines;
    }
}
