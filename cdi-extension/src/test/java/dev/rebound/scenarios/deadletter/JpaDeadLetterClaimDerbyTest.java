package dev.rebound.scenarios.deadletter;

import dev.rebound.contract.store.DeadLetterClaimContract;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.deadletter.ReboundSchema;
import dev.rebound.scenarios.schema.Databases;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JPA store's claims on Apache Derby (Hibernate, resource-local transactions), which has no SKIP LOCKED: the
 * claims are leases, set by an UPDATE that takes only the records still free.
 */
class JpaDeadLetterClaimDerbyTest extends DeadLetterClaimContract {

    private static EntityManagerFactory factory;
    private static final ThreadLocal<EntityManager> CURRENT = new ThreadLocal<>();

    private final DeadLetterStore store = new JpaDeadLetterStore(CURRENT::get);
    private final DeadLetterStore otherNode = new JpaDeadLetterStore(CURRENT::get);

    @BeforeAll
    static void derby() throws Exception {
        DataSource derby = Databases.empty("derby");
        try (Connection c = derby.getConnection()) {
            ReboundSchema.create(c);
        }
        factory = Persistence.createEntityManagerFactory(Jpa.UNIT, Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", derby));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

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
        EntityManager em = factory.createEntityManager();
        CURRENT.set(em);
        try {
            em.getTransaction().begin();
            T result = work.call();
            em.getTransaction().commit();
            return result;
        } catch (Exception | Error e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            CURRENT.remove();
            em.close();
        }
    }
}
