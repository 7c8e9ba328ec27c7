package dev.rebound.opentelemetry.flow;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import dev.rebound.Message;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Places orders at once, ships them later; keeps the metadata each shipment arrived with. */
@ApplicationScoped
public class Orders {

    public record PlaceOrder(String id) {
    }

    public record ShipOrder(String id) {
    }

    private final List<Map<String, String>> shipped = new CopyOnWriteArrayList<>();

    @CommandHandler
    public String place(PlaceOrder command) {
        return "placed " + command.id();
    }

    @Asynchronous("shipments")
    @CommandHandler
    public void ship(ShipOrder command, Message message) {
        shipped.add(message.headers().metadata());
    }

    /** The metadata of each shipment handled, in order. */
    public List<Map<String, String>> shipped() {
        return List.copyOf(shipped);
    }
}
