package dev.rebound.database.outbox;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler on a JMS queue whose senders go through an outbox. */
@ApplicationScoped
public class Shipping {

    public record Ship(String id) {
    }

    private final List<String> shipped = new CopyOnWriteArrayList<>();

    @Asynchronous("shipments")
    @CommandHandler
    public void ship(Ship command) {
        shipped.add(command.id());
    }

    public List<String> shipped() {
        return shipped;
    }
}
