package dev.rebound.scenarios.optimistic;

import dev.rebound.Attempt;
import dev.rebound.Channels;
import dev.rebound.CommandBus;
import dev.rebound.CommandHandler;
import dev.rebound.ErrorChannel;
import dev.rebound.InstantRetry;
import dev.rebound.spi.MessageObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Gateways and the handler that increments a {@link Counter} through JPA (Hibernate). */
public final class Counters {

    private Counters() {
    }

    /** Increments the counter; {@code expectedVersion} {@code -1} names no version. */
    public record Increment(String counter, long expectedVersion) {
        /** Names no version. */
        public static Increment of(String counter) {
            return new Increment(counter, -1);
        }
    }

    /** Each call in a transaction of its own; failures to the dead letter. */
    @Transactional
    @ErrorChannel(Channels.DEAD_LETTER)
    public interface CounterBus extends CommandBus {
    }

    /** The same with instant retries, whose budget the optimistic-lock retries do not use. */
    @Transactional
    @ErrorChannel(Channels.DEAD_LETTER)
    @InstantRetry(maxRetries = 2)
    public interface RetryingCounterBus extends CommandBus {
    }

    /** Failures to the caller. */
    @Transactional
    public interface PlainCounterBus extends CommandBus {
    }

    /** Hears the retries, by kind, as a metrics observer does. */
    @ApplicationScoped
    public static class Retries implements MessageObserver {
        private final List<Retry> kinds = new CopyOnWriteArrayList<>();

        @Override
        public void retried(String channel, String handler, Retry retry) {
            kinds.add(retry);
        }

        /** The kinds heard so far, and forgets them. */
        public List<Retry> drain() {
            List<Retry> heard = List.copyOf(kinds);
            kinds.clear();
            return heard;
        }
    }

    @ApplicationScoped
    public static class Incrementer {

        @Inject
        EntityManager entityManager;

        private final AtomicInteger interferences = new AtomicInteger();
        private volatile boolean flushInHandler;
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

        /** The next {@code times} attempts meet another writer's commit between their read and their write. */
        public void interfere(int times) {
            interferences.set(times);
        }

        @CommandHandler
        public void increment(Increment command, Attempt attempt) {
            attempts.add(attempt);
            Counter counter = entityManager.find(Counter.class, command.counter());
            counter.expectVersion(command.expectedVersion());
            counter.increment(interferences);
            if (flushInHandler) {
                entityManager.flush();
            }
            // else the update is flushed at commit: the conflict surfaces in the commit, as it mostly does
        }

        /** The update is flushed in the handler: the conflict is thrown there, not at the commit. */
        public void flushInHandler() {
            flushInHandler = true;
        }

        public List<Attempt> attempts() {
            return List.copyOf(attempts);
        }
    }
}
