package dev.rebound.scenarios.deadletter;

import dev.rebound.contract.store.DeadLetterStoreContract;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import java.util.concurrent.Callable;

/** The JPA store (Hibernate, Narayana JTA) on a real PostgreSQL passes the store contract. */
class JpaDeadLetterStoreTest extends DeadLetterStoreContract {

    private final DeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);

    @Override
    protected DeadLetterStore store() {
        return store;
    }

    @Override
    protected <T> T inTransaction(Callable<T> work) throws Exception {
        return Jta.inTransaction(work);
    }
}
