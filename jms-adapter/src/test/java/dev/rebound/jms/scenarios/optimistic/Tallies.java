package dev.rebound.jms.scenarios.optimistic;

import dev.rebound.Asynchronous;
import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.ErrorChannel;
import dev.rebound.scenarios.optimistic.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asynchronous handlers that increment a {@link Counter} (the core's test entity) through JPA: one retried on
 * conflicts by default, one whose own key turns the retries off.
 */
@ApplicationScoped
public class Tallies {

    /** {@code expectedVersion} {@code -1}: names no version. */
    public record Tally(String counter, long expectedVersion) {
    }

    public record StrictTally(String counter) {
    }

    @Inject
    EntityManager entityManager;

    private final AtomicInteger interferences = new AtomicInteger();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    /** The next {@code times} attempts meet another writer's commit between their read and their write. */
    public void interfere(int times) {
        interferences.set(times);
    }

    @Asynchronous("tallies")
    @DelayedRetry(initialDelayMs = 100, maxRetries = 2, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void tally(Tally command, Attempt attempt) {
        attempts.add(attempt);
        Counter counter = entityManager.find(Counter.class, command.counter());
        counter.expectVersion(command.expectedVersion());
        counter.increment(interferences);      // flushed at the commit, where the conflict surfaces
    }

    @Asynchronous("strict-tallies")
    @ErrorChannel(Channels.DEAD_LETTER)
    @CommandHandler
    public void strict(StrictTally command, Attempt attempt) {
        attempts.add(attempt);
        entityManager.find(Counter.class, command.counter()).increment(interferences);
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }
}
