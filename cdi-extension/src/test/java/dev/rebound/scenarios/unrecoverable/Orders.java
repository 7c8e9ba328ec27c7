package dev.rebound.scenarios.unrecoverable;

import dev.rebound.CommandHandler;
import dev.rebound.ErrorMessage;
import dev.rebound.InternalHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class Orders {

    /** {@code kind}: rejected, flaky (fails with a plain IllegalStateException) or unstocked. */
    public record Place(String id, String kind) {
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<ErrorMessage> errors = new CopyOnWriteArrayList<>();

    @CommandHandler
    public void place(Place command) {
        calls.add(command.id());
        switch (command.kind()) {
            case "rejected" -> throw new RejectedOrderException("order " + command.id() + " is rejected");
            case "unstocked" -> throw new OutOfStockException("nothing left for " + command.id());
            default -> throw new IllegalStateException("warehouse busy for " + command.id());
        }
    }

    @InternalHandler("orderErrors")
    public void failed(ErrorMessage error) {
        errors.add(error);
    }

    public List<String> calls() {
        return calls;
    }

    public List<ErrorMessage> errors() {
        return errors;
    }
}
