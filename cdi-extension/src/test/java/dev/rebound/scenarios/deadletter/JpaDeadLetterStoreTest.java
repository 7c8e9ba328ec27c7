package dev.rebound.scenarios.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailureGroup;
import dev.rebound.contract.store.DeadLetterStoreContract;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.Postgres;
import java.time.Instant;
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

    // ---- the numbers kept by schema version 10's triggers (rebound_dead_letter_count)

    private static final String DEAD_LETTERS = "rebound_dead_letter";
    private static final String NUMBERS = "rebound_dead_letter_count";

    private void save(DeadLetterRecord record) throws Exception {
        inTransaction(() -> {
            store.save(record);
            return null;
        });
    }

    /** The store's count, groups and stats against the dead letter table counted by hand, and no row at zero. */
    private void assertNumbersMatchTheTable() throws Exception {
        assertThat(Postgres.count("SELECT count(*) FROM " + NUMBERS + " WHERE dead_letters = 0")).isZero();
        for (DeadLetterFilter filter : List.of(DeadLetterFilter.all(), DeadLetterFilter.all().withChannel("a"),
                DeadLetterFilter.all().withChannel("b").withHandler("h1"),
                DeadLetterFilter.all().withExceptionClass("E2"), DeadLetterFilter.all().withFingerprint("f1"))) {
            String where = " WHERE true" + (filter.channel() == null ? "" : " AND channel = '" + filter.channel() + "'")
                    + (filter.handler() == null ? "" : " AND handler = '" + filter.handler() + "'")
                    + (filter.exceptionClass() == null ? "" : " AND exception_class = '" + filter.exceptionClass() + "'")
                    + (filter.fingerprint() == null ? "" : " AND fingerprint = '" + filter.fingerprint() + "'");
            long counted = Postgres.count("SELECT count(*) FROM " + DEAD_LETTERS + where);
            assertThat(inTransaction(() -> store.count(filter))).as("count of %s", filter).isEqualTo(counted);
            List<FailureGroup> groups = inTransaction(() -> store.groups(filter));
            assertThat(groups.stream().mapToLong(FailureGroup::count).sum()).as("groups of %s", filter)
                    .isEqualTo(counted);
            assertThat(groups).as("groups of %s", filter).hasSize((int) Postgres.count("SELECT count(*) FROM "
                    + "(SELECT DISTINCT fingerprint, exception_class, handler, failure_site FROM " + DEAD_LETTERS
                    + where + ") g"));
            for (FailureGroup group : groups) {
                String of = where + " AND fingerprint = '" + group.fingerprint() + "' AND exception_class = '"
                        + group.exceptionClass() + "'";
                assertThat(group.count()).isEqualTo(Postgres.count("SELECT count(*) FROM " + DEAD_LETTERS + of));
                assertThat(group.firstFailedAt().toEpochMilli()).isEqualTo(
                        Postgres.count("SELECT min(failed_at) FROM " + DEAD_LETTERS + of));
                assertThat(group.lastFailedAt().toEpochMilli()).isEqualTo(
                        Postgres.count("SELECT max(last_failed_at) FROM " + DEAD_LETTERS + of));
            }
        }
        DeadLetterStats stats = inTransaction(store::stats);
        assertThat(stats.total()).isEqualTo(Postgres.count("SELECT count(*) FROM " + DEAD_LETTERS));
        for (DeadLetterStats.ChannelCount channel : stats.channels()) {
            assertThat(channel.count()).as(channel.channel()).isEqualTo(
                    Postgres.count("SELECT count(*) FROM " + DEAD_LETTERS + " WHERE channel = '" + channel.channel()
                            + "'"));
        }
        assertThat(stats.channels()).hasSize((int) Postgres.count("SELECT count(DISTINCT channel) FROM "
                + DEAD_LETTERS));
    }

    /**
     * The numbers follow every write: saves, a failure again that moves a dead letter to another group, a delete by
     * filter and the delete of a claim; the groups and stats are read from them, not from the dead letters.
     */
    @Test
    void on_postgresql_count_groups_and_stats_follow_every_write() throws Exception {
        UUID moved = UUID.randomUUID();
        save(failed(moved, 1_000, "a", "h1", "E1", "f1"));
        for (int i = 0; i < 5; i++) {
            save(failed(UUID.randomUUID(), 2_000 + i, "a", "h1", "E1", "f1"));
            save(failed(UUID.randomUUID(), 3_000 + i, "b", "h1", "E2", "f2"));
            save(failed(UUID.randomUUID(), 4_000 + i, "b", "h2", "E1", "f3"));
        }
        assertThat(Postgres.count("SELECT count(*) FROM " + NUMBERS)).isPositive();
        assertNumbersMatchTheTable();
        assertThat(inTransaction(() -> store.count(DeadLetterFilter.all().withFingerprint("f1")))).isEqualTo(6);

        save(new DeadLetterRecord(moved, moved, "com.example.Pay", "{}", "{}",
                new dev.rebound.Failure("E2", "again", "E2", "again", "trace", "site of f2"), "h1", "origin", 1,
                Instant.ofEpochMilli(9_000), Instant.ofEpochMilli(9_000), null, "a", "f2", List.of()));
        assertThat(inTransaction(() -> store.count(DeadLetterFilter.all().withFingerprint("f1")))).isEqualTo(5);
        assertThat(inTransaction(() -> store.count(DeadLetterFilter.all().withFingerprint("f2")))).isEqualTo(6);
        assertNumbersMatchTheTable();

        assertThat(inTransaction(() -> store.delete(DeadLetterFilter.all().withChannel("b").withHandler("h2"))))
                .isEqualTo(5);
        assertNumbersMatchTheTable();

        String owner = "replay-1";
        List<DeadLetterRecord> claimed = inTransaction(() -> store.claim(DeadLetterFilter.all().withChannel("a"),
                null, 3, owner, Instant.now(), Instant.now().plusSeconds(60)));
        assertThat(claimed).hasSize(3);
        assertThat(inTransaction(() -> store.deleteClaimed(claimed.stream().map(DeadLetterRecord::id).toList(),
                owner))).isEqualTo(3);
        assertNumbersMatchTheTable();
        assertThat(inTransaction(() -> store.count(DeadLetterFilter.all()))).isEqualTo(8);

        inTransaction(() -> store.delete(DeadLetterFilter.all()));
        // a group's slots may stay as +n in one slot and -n in another: their sums are 0
        assertThat(Postgres.count("SELECT count(*) FROM (SELECT group_key FROM " + NUMBERS + " GROUP BY group_key "
                + "HAVING sum(dead_letters) <> 0) g")).isZero();
        assertThat(inTransaction(store::stats).total()).isZero();
    }

    /** A write in a transaction that rolls back leaves the numbers as they were. */
    @Test
    void on_postgresql_a_rolled_back_save_is_not_counted() throws Exception {
        save(failed(UUID.randomUUID(), 1_000, "a", "h1", "E1", "f1"));
        try {
            inTransaction(() -> {
                store.save(failed(UUID.randomUUID(), 2_000, "a", "h1", "E1", "f1"));
                throw new IllegalStateException("rolled back");
            });
        } catch (Exception expected) {
            assertThat(expected).hasMessageContaining("rolled back"); // the save is undone with its number
        }
        assertThat(inTransaction(() -> store.count(DeadLetterFilter.all()))).isEqualTo(1);
        assertNumbersMatchTheTable();
    }

    /** A TRUNCATE by hand empties the numbers too. */
    @Test
    void on_postgresql_a_truncate_empties_the_numbers() throws Exception {
        save(failed(UUID.randomUUID(), 1_000, "a", "h1", "E1", "f1"));
        Postgres.execute("TRUNCATE " + DEAD_LETTERS);
        assertThat(Postgres.count("SELECT count(*) FROM " + NUMBERS)).isZero();
        assertThat(inTransaction(() -> store.count(DeadLetterFilter.all()))).isZero();
    }

    /**
     * Eight threads saving, failing again and deleting in the same groups at once: the numbers (one row per group
     * and slot, so that they do not wait for each other) add up to the table's.
     */
    @Test
    void on_postgresql_concurrent_writers_keep_the_numbers_exact() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(savers.submit(() -> {
                start.await();
                for (int i = 0; i < 40; i++) {
                    UUID id = UUID.randomUUID();
                    String group = "f" + (i % 3 + 1);
                    save(failed(id, 1_000 + i, i % 2 == 0 ? "a" : "b", "h1", "E" + (i % 3 + 1), group));
                    if (i % 4 == 0) {
                        save(failed(id, 5_000 + i, "a", "h2", "E1", "f4")); // fails again elsewhere: moves
                    }
                    if (i % 5 == thread % 5) {
                        inTransaction(() -> store.delete(DeadLetterFilter.all().withId(id)));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : done) {
            writer.get(120, TimeUnit.SECONDS);
        }
        assertNumbersMatchTheTable();
    }

    /**
     * Numbers that disagree with the table (written with the triggers off) are not shown as a group the table does
     * not hold: the groups are counted from the dead letters then.
     */
    @Test
    void on_postgresql_numbers_of_a_group_the_table_lacks_fall_back_to_the_dead_letters() throws Exception {
        save(failed(UUID.randomUUID(), 1_000, "a", "h1", "E1", "f1"));
        Postgres.execute("INSERT INTO " + NUMBERS + " (group_key, slot, channel, fingerprint, exception_class, "
                + "handler, failure_site, dead_letters) VALUES ('ghost', 0, 'a', 'ghost', 'E9', 'h9', 's9', 7)");
        try {
            List<FailureGroup> groups = inTransaction(() -> store.groups(DeadLetterFilter.all()));
            assertThat(groups).extracting(FailureGroup::fingerprint).containsExactly("f1");
            assertThat(groups.get(0).count()).isEqualTo(1);
        } finally {
            Postgres.execute("DELETE FROM " + NUMBERS + " WHERE group_key = 'ghost'");
        }
    }
}
