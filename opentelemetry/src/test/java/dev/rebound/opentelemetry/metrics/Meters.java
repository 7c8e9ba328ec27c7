package dev.rebound.opentelemetry.metrics;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Reads meters later; the first reading of each meter fails (the meter is offline), its retry succeeds. */
@ApplicationScoped
public class Meters {

    public record Read(String meter) {
    }

    public record Check(String meter) {
    }

    private final Set<String> tried = ConcurrentHashMap.newKeySet();

    @Asynchronous("readings")
    @DelayedRetry(initialDelayMs = 50, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void read(Read command) {
        if (tried.add(command.meter())) {
            throw new IllegalStateException("meter " + command.meter() + " offline");
        }
    }

    /** Synchronous: not a messaging operation. */
    @CommandHandler
    public String check(Check command) {
        return "checked " + command.meter();
    }
}
