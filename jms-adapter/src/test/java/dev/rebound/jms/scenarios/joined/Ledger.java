package dev.rebound.jms.scenarios.joined;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler that fails on its first call and succeeds on any later one. */
@ApplicationScoped
public class Ledger {

    public record Book(String id) {
    }

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger booked = new AtomicInteger();

    @Asynchronous("ledger")
    @ErrorChannel(Channels.DEAD_LETTER)
    @CommandHandler
    public void book(Book command) {
        if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("ledger locked for " + command.id());
        }
        booked.incrementAndGet();
    }

    public int calls() {
        return calls.get();
    }

    public int booked() {
        return booked.get();
    }
}
