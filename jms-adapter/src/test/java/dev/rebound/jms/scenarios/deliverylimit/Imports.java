package dev.rebound.jms.scenarios.deliverylimit;

import dev.rebound.Asynchronous;
import dev.rebound.CommandHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler whose unit never commits: its channel's final failure strategy rolls back every time. */
@ApplicationScoped
public class Imports {

    public record Import(String file) {
    }

    private final AtomicInteger calls = new AtomicInteger();

    @Asynchronous("imports")
    @CommandHandler
    public void load(Import command) {
        calls.incrementAndGet();
        throw new IllegalStateException("disk full while loading " + command.file());
    }

    public int calls() {
        return calls.get();
    }
}
