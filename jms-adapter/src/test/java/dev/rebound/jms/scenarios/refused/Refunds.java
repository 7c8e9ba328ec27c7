package dev.rebound.jms.scenarios.refused;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class Refunds {

    /** Fails every time while {@code fails}. */
    public record Refund(String id, boolean fails) {
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> refunded = new CopyOnWriteArrayList<>();

    @Asynchronous("refunds")
    @DelayedRetry(initialDelayMs = 200, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void refund(Refund command) {
        calls.add(command.id());
        if (command.fails()) {
            throw new IllegalStateException("bank refused " + command.id());
        }
        refunded.add(command.id());
    }

    public long calls(String id) {
        return calls.stream().filter(id::equals).count();
    }

    public List<String> refunded() {
        return refunded;
    }
}
