package dev.rebound.contract.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.Failure;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a dead letter store shared by several nodes does for bulk replays ({@link DeadLetterStore#claim},
 * {@link DeadLetterStore#deleteClaimed}): concurrent claims take disjoint records, a claim holds its records until
 * its lease ends, and an owner whose lease ended and whose records another claim took can no longer remove them.
 * A store's test extends this class as it extends {@link DeadLetterStoreContract}; every call of the store runs
 * inside {@link #inTransaction}. (A store for one process keeps the SPI's defaults and does not run this.)
 */
public abstract class DeadLetterClaimContract {

    private static final Instant NOW = Instant.ofEpochMilli(1_000_000);
    private static final Instant LEASE = NOW.plusSeconds(60);

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    /** The store under test; the same instance for every call of one test. */
    protected abstract DeadLetterStore store();

    /** Another instance of the store on the same database, as another node would have it. */
    protected abstract DeadLetterStore otherNode();

    /** Runs the work in a new transaction: commits when it returns, rolls back and rethrows when it throws. */
    protected abstract <T> T inTransaction(Callable<T> work) throws Exception;

    @BeforeEach
    void empty() throws Exception {
        inTransaction(() -> store().delete(DeadLetterFilter.all()));
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static DeadLetterRecord failed(UUID id, long failedAt, String channel) {
        return failed(id, failedAt, Instant.ofEpochMilli(failedAt), channel);
    }

    private static DeadLetterRecord failed(UUID id, long failedAt, Instant lastFailedAt, String channel) {
        return new DeadLetterRecord(id, id, "com.example.Pay", "{}", "{}",
                new Failure("java.lang.IllegalStateException", "down", null, null, "trace", "site"),
                "com.example.Handler#pay", "origin", 1, Instant.ofEpochMilli(failedAt), lastFailedAt,
                null, channel, "fp", List.of());
    }

    /** {@code count} records failed at 1, 2, ... ms on channel {@code payments}, in that order. */
    private List<UUID> saved(int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            DeadLetterRecord record = failed(id, i + 1, "payments");
            inTransaction(() -> {
                store().save(record);
                return null;
            });
        }
        return ids;
    }

    private List<UUID> claim(DeadLetterStore store, DeadLetterFilter snapshot, DeadLetterCursor after, int limit,
                             String owner, Instant now, Instant until) throws Exception {
        return inTransaction(() -> store.claim(snapshot, after, limit, owner, now, until)).stream()
                .map(DeadLetterRecord::id).toList();
    }

    private static DeadLetterFilter cutOff() {
        return DeadLetterFilter.all().upTo(NOW);
    }

    @Test
    void a_claim_takes_the_oldest_free_records_and_a_second_claim_the_next_ones() throws Exception {
        List<UUID> ids = saved(5);

        assertThat(claim(store(), cutOff(), null, 3, "a/1", NOW, LEASE)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(claim(otherNode(), cutOff(), null, 3, "b/1", NOW, LEASE)).as("the first three are a's")
                .containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(claim(otherNode(), cutOff(), null, 3, "b/2", NOW, LEASE)).isEmpty();
        // claimed records are still dead letters: listed, counted, found
        assertThat(inTransaction(() -> store().count(DeadLetterFilter.all()))).isEqualTo(5);
    }

    @Test
    void a_claim_keeps_to_the_filter_the_cursor_and_the_cut_off() throws Exception {
        List<UUID> ids = saved(4);
        UUID other = UUID.randomUUID();
        inTransaction(() -> {
            store().save(failed(other, 2, "shipping"));
            // failed at 4 ms first, again after the cut-off: it is not met again by this replay
            store().save(failed(ids.get(3), 4, NOW.plusMillis(1), "payments"));
            return null;
        });
        DeadLetterFilter payments = DeadLetterFilter.all().withChannel("payments").upTo(NOW);
        DeadLetterCursor afterFirst = new DeadLetterCursor(Instant.ofEpochMilli(1), ids.get(0));

        assertThat(claim(store(), payments, afterFirst, 10, "a/1", NOW, LEASE))
                .containsExactly(ids.get(1), ids.get(2));
    }

    @Test
    void a_removal_by_claim_removes_only_what_the_owner_still_holds() throws Exception {
        List<UUID> ids = saved(3);
        List<UUID> mine = claim(store(), cutOff(), null, 2, "a/1", NOW, LEASE);

        assertThat(inTransaction(() -> store().deleteClaimed(ids, "b/1"))).as("not b's").isZero();
        assertThat(inTransaction(() -> store().deleteClaimed(ids, "a/1"))).as("a's two, not the free one")
                .isEqualTo(2);
        assertThat(inTransaction(() -> store().page(DeadLetterFilter.all(), null, 10, false)))
                .extracting(DeadLetterRecord::id).containsExactly(ids.get(2));
        assertThat(mine).containsExactlyElementsOf(ids.subList(0, 2));
    }

    @Test
    void after_its_lease_ended_another_claim_takes_the_records_and_the_stale_owner_cannot_remove_them()
            throws Exception {
        List<UUID> ids = saved(3);
        claim(store(), cutOff(), null, 3, "a/1", NOW, NOW.plusSeconds(1));

        assertThat(claim(otherNode(), cutOff(), null, 3, "b/1", NOW.plusMillis(500), NOW.plusSeconds(60)))
                .as("a's lease holds").isEmpty();
        assertThat(claim(otherNode(), cutOff(), null, 3, "b/2", NOW.plusSeconds(2), NOW.plusSeconds(60)))
                .as("a's lease ended").containsExactlyElementsOf(ids);
        assertThat(inTransaction(() -> store().deleteClaimed(ids, "a/1"))).as("stale a").isZero();
        assertThat(inTransaction(() -> store().count(DeadLetterFilter.all()))).isEqualTo(3);
        assertThat(inTransaction(() -> otherNode().deleteClaimed(ids, "b/2"))).isEqualTo(3);
        assertThat(inTransaction(() -> store().count(DeadLetterFilter.all()))).isZero();
    }

    @Test
    void a_recorded_failure_ends_the_claim() throws Exception {
        List<UUID> ids = saved(1);
        claim(store(), cutOff(), null, 1, "a/1", NOW, LEASE);
        DeadLetterRecord again = failed(ids.get(0), 1, NOW, "payments");

        assertThat(inTransaction(() -> store().recordFailure(again))).isTrue();

        assertThat(inTransaction(() -> store().deleteClaimed(ids, "a/1"))).as("no longer a's").isZero();
        assertThat(claim(otherNode(), cutOff(), null, 1, "b/1", NOW, LEASE)).containsExactlyElementsOf(ids);
        assertThat(inTransaction(() -> store().find(ids.get(0))).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void a_claim_rolled_back_claims_nothing() throws Exception {
        List<UUID> ids = saved(2);
        try {
            inTransaction(() -> {
                store().claim(cutOff(), null, 2, "a/1", NOW, LEASE);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the claim's transaction rolled back
        }
        assertThat(claim(otherNode(), cutOff(), null, 2, "b/1", NOW, LEASE)).containsExactlyElementsOf(ids);
    }

    @Test
    void two_and_three_concurrent_claimers_take_disjoint_batches_and_together_every_record() throws Exception {
        for (int claimers : new int[] {2, 3}) {
            inTransaction(() -> store().delete(DeadLetterFilter.all()));
            List<UUID> ids = saved(150);
            CyclicBarrier start = new CyclicBarrier(claimers);
            List<Callable<List<UUID>>> nodes = new ArrayList<>();
            for (int n = 0; n < claimers; n++) {
                DeadLetterStore store = n % 2 == 0 ? store() : otherNode();
                String node = "node-" + n;
                nodes.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<UUID> taken = new ArrayList<>();
                    for (int batch = 1; ; batch++) {
                        String owner = node + "/" + batch;
                        List<DeadLetterRecord> claimed = claimAgainIfVictim(() -> inTransaction(() -> store.claim(
                                cutOff(), null, 10, owner, NOW, LEASE)));
                        if (claimed.isEmpty()) {
                            return taken;
                        }
                        claimed.forEach(record -> taken.add(record.id()));
                        List<UUID> batchIds = claimed.stream().map(DeadLetterRecord::id).toList();
                        // removed as a replay would, by its owner: all of them were still its
                        assertThat(inTransaction(() -> store.deleteClaimed(batchIds, owner)))
                                .isEqualTo(batchIds.size());
                    }
                });
            }
            List<UUID> all = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<UUID>> node : threads.invokeAll(nodes, 120, TimeUnit.SECONDS)) {
                all.addAll(node.get());
            }
            Set<UUID> distinct = new HashSet<>(all);
            assertThat(all).as(claimers + " claimers: no record twice").hasSize(distinct.size());
            assertThat(distinct).as(claimers + " claimers: every record").containsExactlyInAnyOrderElementsOf(ids);
            assertThat(inTransaction(() -> store().count(DeadLetterFilter.all()))).isZero();
        }
    }

    /**
     * A claimer chosen as a deadlock's victim (databases without skip-locked reads: two claimers' UPDATEs meeting
     * on rows) claims again, as {@code DeadLetterService} does; its rolled-back claim took nothing.
     */
    private static List<DeadLetterRecord> claimAgainIfVictim(Callable<List<DeadLetterRecord>> claim) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return claim.call();
            } catch (Exception e) {
                if (attempt >= 5 || !lockConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean lockConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }
}
