package dev.rebound.opentelemetry.testing;

import dev.rebound.inmemory.InMemoryDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The dead letters in memory (the in-memory module's store): these tests need no table. */
@ApplicationScoped
public class InMemoryStore {

    @Produces
    DeadLetterStore store = new InMemoryDeadLetterStore();
}
