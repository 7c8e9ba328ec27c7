package dev.rebound.scenarios.deadletter;

import dev.rebound.contract.store.DeadLetterClaimContract;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import java.util.concurrent.Callable;

/**
 * The JPA store's claims for bulk replays on several nodes (Hibernate, Narayana JTA) on a real PostgreSQL, where
 * they skip each other's locked rows ({@code FOR UPDATE SKIP LOCKED}).
 */
class JpaDeadLetterClaimTest extends DeadLetterClaimContract {

    private final DeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);
    private final DeadLetterStore otherNode = new JpaDeadLetterStore(Jpa::transactionScoped);

    @Override
    protected DeadLetterStore store() {
        return store;
    }

    @Override
    protected DeadLetterStore otherNode() {
        return otherNode;
    }

    @Override
    protected <T> T inTransaction(Callable<T> work) throws Exception {
        return Jta.inTransaction(work);
    }
}
