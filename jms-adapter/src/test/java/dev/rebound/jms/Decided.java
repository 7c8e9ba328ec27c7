package dev.rebound.jms;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler that succeeds and counts its calls: a decision carried out for its message means no call. */
@ApplicationScoped
public class Decided {

    public static final String CHANNEL = "decided";

    public record Task(String name) {
    }

    private final AtomicInteger calls = new AtomicInteger();

    @Asynchronous(CHANNEL)
    @CommandHandler
    public void handle(Task task) {
        calls.incrementAndGet();
    }

    public int calls() {
        return calls.get();
    }
}
