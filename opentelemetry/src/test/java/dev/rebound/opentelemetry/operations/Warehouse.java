package dev.rebound.opentelemetry.operations;

import dev.rebound.Asynchronous;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.Deduplicated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Restocks deduplicated on their delivery note, and shipments on a queue. */
@ApplicationScoped
public class Warehouse {

    public record Restock(String sku) {
    }

    public record Ship(String sku) {
    }

    /** Each call in a transaction of its own: a deduplicated handler claims its key in it. */
    @Transactional
    public interface Commands extends CommandBus {
    }

    private final List<String> restocked = new CopyOnWriteArrayList<>();
    private final List<String> shipped = new CopyOnWriteArrayList<>();

    @Deduplicated("note")
    @CommandHandler
    public void restock(Restock command) {
        restocked.add(command.sku());
    }

    @Asynchronous("shipments")
    @CommandHandler
    public void ship(Ship command) {
        shipped.add(command.sku());
    }

    public List<String> restocked() {
        return restocked;
    }

    public List<String> shipped() {
        return shipped;
    }
}
