package dev.rebound.inmemory.deadletter;

import dev.rebound.contract.store.DeadLetterStoreContract;
import dev.rebound.inmemory.InMemoryDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jta;
import java.util.concurrent.Callable;

/** The in-memory store, joined to Narayana's transactions through its synchronization registry, passes the contract. */
class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {

    private final DeadLetterStore store = new InMemoryDeadLetterStore(Jta.synchronizationRegistry());

    @Override
    protected DeadLetterStore store() {
        return store;
    }

    @Override
    protected <T> T inTransaction(Callable<T> work) throws Exception {
        return Jta.inTransaction(work);
    }
}
