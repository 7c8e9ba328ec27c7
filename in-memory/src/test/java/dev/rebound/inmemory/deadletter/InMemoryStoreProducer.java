package dev.rebound.inmemory.deadletter;

import dev.rebound.inmemory.InMemoryDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** How an application selects the in-memory store: as its DeadLetterStore bean, which replaces the JPA one. */
@ApplicationScoped
public class InMemoryStoreProducer {

    @Produces
    DeadLetterStore store = new InMemoryDeadLetterStore();
}
