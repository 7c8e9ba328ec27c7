package dev.rebound.it.optimisticlock;

import dev.rebound.Asynchronous;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.DelayedRetry;
import dev.rebound.it.support.Calls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The same update from the embedded messaging engine, in the consumer's JTA transaction (which also holds the
 * receive): a conflict rolls that unit back and the message comes back as its next attempt.
 */
@ApplicationScoped
public class LaterCounters {

    static final String CALLS = "later-";

    @Inject
    EntityManager entityManager;
    @Inject
    Calls calls;
    @Inject
    CommandBus commands;

    @Asynchronous("counters")
    @DelayedRetry(initialDelayMs = 100, maxRetries = 1, deadLetterChannel = Channels.DEAD_LETTER)
    @CommandHandler
    public void increment(IncrementLater command) {
        calls.record(CALLS + command.counterId());
        entityManager.find(Counter.class, command.counterId()).increment();
    }

    public void incrementLater(String counterId) {
        commands.send(new IncrementLater(counterId));
    }
}
