package dev.rebound.opentelemetry.relay;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Posts letters from an in-memory queue whose senders write to a database outbox, relayed to the queue. */
@ApplicationScoped
public class Letters {

    public record Post(String id) {
    }

    private final List<String> posted = new CopyOnWriteArrayList<>();

    @Asynchronous("letters")
    @CommandHandler
    public void post(Post command) {
        posted.add(command.id());
    }

    public List<String> posted() {
        return posted;
    }
}
