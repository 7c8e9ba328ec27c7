package dev.rebound.scenarios.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.core.tx.Transactions;
import dev.rebound.dedup.DedupCleanup;
import dev.rebound.dedup.DedupDialect;
import dev.rebound.dedup.DedupHash;
import dev.rebound.dedup.DedupStore;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.Postgres;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The cleanup removes only the keys older than the retention, in batches of the configured size (one short
 * transaction each), the oldest first and each batch from where the previous one ended, on PostgreSQL and on Derby,
 * with their own statements.
 */
class ExpiredKeysCleanupTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    private final Transactions transactions = new Transactions(Jta::transactionManager);

    private void removesOnlyExpiredKeysInBatches(DedupDialect dialect, Supplier<EntityManager> entityManager,
                                                  Consumer<String> execute, ToLongFunction<String> count)
            throws Throwable {
        execute.accept("DELETE FROM rebound_dedup");
        DedupStore store = new DedupStore(entityManager, () -> dialect, 1_000);
        long expired = NOW.minus(RETENTION).minusSeconds(1).toEpochMilli();
        long fresh = NOW.minus(RETENTION).plusSeconds(60).toEpochMilli();
        transactions.inNewTransaction(() -> {
            for (int i = 0; i < 2_500; i++) {
                store.claim(DedupHash.of("expired", "k" + i), expired - i);
            }
            for (int i = 0; i < 10; i++) {
                store.claim(DedupHash.of("fresh", "k" + i), fresh);
            }
            return null;
        });

        // one statement removes one batch at most, the oldest keys first (the index's order)
        assertThat((int) transactions.inNewTransaction(() -> store.removeExpired(Long.MIN_VALUE,
                NOW.minus(RETENTION).toEpochMilli()))).isEqualTo(1_000);
        assertThat(count.applyAsLong("SELECT min(claimed_at) FROM rebound_dedup")).isEqualTo(expired - 1_499);
        // from a lower bound on: the keys before it stay
        assertThat((int) transactions.inNewTransaction(() -> store.removeExpired(expired - 9,
                NOW.minus(RETENTION).toEpochMilli()))).isEqualTo(10);
        assertThat((Long) transactions.inNewTransaction(() -> store.oldest(expired - 1_400,
                NOW.minus(RETENTION).toEpochMilli()))).isEqualTo(expired - 1_400);
        assertThat((Long) transactions.inNewTransaction(() -> store.oldest(expired - 9,
                NOW.minus(RETENTION).toEpochMilli()))).as("none left from there").isNull();
        DedupCleanup cleanup = new DedupCleanup(store, transactions, () -> Clock.fixed(NOW, ZoneOffset.UTC), RETENTION,
                Duration.ofMinutes(1), 10);
        assertThat(cleanup.runOnce()).isEqualTo(1_490);

        assertThat(count.applyAsLong("SELECT count(*) FROM rebound_dedup")).isEqualTo(10);
        assertThat(count.applyAsLong("SELECT count(*) FROM rebound_dedup WHERE claimed_at < " + fresh)).isZero();
        assertThat(cleanup.runOnce()).isZero();
        // a key of a fresh scope is still claimed: a copy of it is a duplicate
        assertThat((boolean) transactions.inNewTransaction(() -> store.claim(DedupHash.of("fresh", "k1"), fresh)))
                .isFalse();
        assertThat((boolean) transactions.inNewTransaction(() -> store.claim(DedupHash.of("expired", "k1"), fresh)))
                .isTrue();
    }

    @Test
    void on_postgresql() throws Throwable {
        removesOnlyExpiredKeysInBatches(DedupDialect.POSTGRESQL, Jpa::transactionScoped, Postgres::execute,
                Postgres::count);
    }

    @Test
    void on_derby() throws Throwable {
        removesOnlyExpiredKeysInBatches(DedupDialect.DERBY, Derby::entityManager, Derby::execute, Derby::count);
    }
}
