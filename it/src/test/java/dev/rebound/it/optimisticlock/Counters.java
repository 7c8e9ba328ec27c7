package dev.rebound.it.optimisticlock;

import dev.rebound.CommandHandler;
import dev.rebound.it.support.Calls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Reads the counter and writes it back one higher, in the gateway's transaction: EclipseLink writes (and checks the
 * version) when that transaction commits, so two writers that read the same version conflict there.
 */
@ApplicationScoped
public class Counters {

    @Inject
    EntityManager entityManager;
    @Inject
    Calls calls;
    @Inject
    CounterBus bus;

    @CommandHandler
    public void increment(Increment command) {
        calls.record(command.counterId());
        entityManager.find(Counter.class, command.counterId()).increment();
    }

    public void incrementThroughTheGateway(String counterId) {
        bus.send(new Increment(counterId));
    }

    @Transactional
    public void create(String counterId) {
        entityManager.persist(new Counter(counterId));
    }

    public int value(String counterId) {
        // past EclipseLink's shared cache: the row as committed
        return entityManager.find(Counter.class, counterId,
                Map.of("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)).value();
    }
}
