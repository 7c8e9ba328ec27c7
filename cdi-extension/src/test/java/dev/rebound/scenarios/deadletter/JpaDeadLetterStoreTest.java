package dev.rebound.scenarios.deadletter;

import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import jakarta.transaction.TransactionManager;
import java.util.concurrent.Callable;

/** The JPA store (Hibernate, Narayana JTA) on a real PostgreSQL. */
class JpaDeadLetterStoreTest extends DeadLetterStoreContract {

    private final DeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);

    @Override
    protected DeadLetterStore store() {
        return store;
    }

    @Override
    protected <T> T inTransaction(Callable<T> work) throws Exception {
        TransactionManager tm = Jta.transactionManager();
        tm.begin();
        try {
            T result = work.call();
            tm.commit();
            return result;
        } catch (Exception e) {
            tm.rollback();
            throw e;
        }
    }
}
