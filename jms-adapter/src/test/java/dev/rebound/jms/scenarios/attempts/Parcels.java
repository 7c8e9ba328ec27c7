package dev.rebound.jms.scenarios.attempts;

import dev.rebound.Asynchronous;
import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An asynchronous handler that records the attempt it is given and fails until healed. */
@ApplicationScoped
public class Parcels {

    public record Sort(String parcel) {
    }

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private volatile boolean failing = true;

    @Asynchronous("sorting")
    @DelayedRetry(initialDelayMs = 100, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void sort(Sort command, Attempt attempt) {
        attempts.add(attempt);
        if (failing) {
            throw new IllegalStateException("sorter jammed for " + command.parcel());
        }
    }

    public void heal() {
        failing = false;
    }

    public List<Attempt> attempts() {
        return attempts;
    }
}
