package dev.rebound.scenarios.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetterFilter;
import dev.rebound.contract.store.DeadLetterStoreContract;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JPA store (Hibernate, Narayana JTA) on a real PostgreSQL passes the store contract. */
class JpaDeadLetterStoreTest extends DeadLetterStoreContract {

    private final DeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);
    private final ExecutorService savers = Executors.newFixedThreadPool(8);

    @Override
    protected DeadLetterStore store() {
        return store;
    }

    @Override
    protected <T> T inTransaction(Callable<T> work) throws Exception {
        return Jta.inTransaction(work);
    }

    @AfterEach
    void stopSavers() {
        savers.shutdownNow();
    }

    /**
     * On PostgreSQL a save is an insert that does nothing on a taken id, then the update: concurrent first saves of
     * one id wait for each other instead of failing on the primary key, so none needs the caller's retry (which a
     * save in a consumer's own transaction, {@code sendInCurrentTransaction}, does not have).
     */
    @Test
    void on_postgresql_concurrent_first_saves_of_one_id_all_succeed_at_once() throws Exception {
        UUID id = UUID.randomUUID();
        int saves = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < saves; i++) {
            DeadLetterRecord record = record(id, 1_000L + i, 1, "concurrent " + i);
            done.add(savers.submit(() -> {
                start.await();
                return inTransaction(() -> {
                    store.save(record);
                    return null;
                });
            }));
        }
        start.countDown();
        for (Future<?> save : done) {
            save.get(60, TimeUnit.SECONDS); // throws if any save failed
        }
        DeadLetterRecord stored = inTransaction(() -> store.find(id)).orElseThrow();
        assertThat(stored.attempts()).isEqualTo(saves);
        assertThat(stored.history()).hasSize(saves);
        assertThat(inTransaction(() -> store.count(DeadLetterFilter.all().withId(id)))).isEqualTo(1);
    }

    /** A save of a record deleted in the same transaction stores it anew (the insert after the update found none). */
    @Test
    void a_save_after_a_delete_in_the_same_transaction_stores_the_record_anew() throws Exception {
        UUID id = UUID.randomUUID();
        inTransaction(() -> {
            store.save(record(id, 1_000, 2, "first"));
            return null;
        });
        inTransaction(() -> {
            assertThat(store.delete(DeadLetterFilter.all().withId(id))).isEqualTo(1);
            store.save(record(id, 2_000, 1, "second"));
            return null;
        });
        DeadLetterRecord stored = inTransaction(() -> store.find(id)).orElseThrow();
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.failure().exceptionMessage()).isEqualTo("second");
        assertThat(stored.history()).hasSize(1);
    }
}
