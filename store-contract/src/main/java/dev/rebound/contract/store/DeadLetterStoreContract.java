package dev.rebound.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailedAttempt;
import dev.rebound.Failure;
import dev.rebound.FailureGroup;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeadLetterStore} does. A store's test extends this class and says how to get the store and how
 * to run a piece of work in a transaction of its own: committed when the work returns, rolled back (and the
 * exception rethrown) when it throws. Every call of the store below runs inside {@link #inTransaction}.
 */
public abstract class DeadLetterStoreContract {

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    /** The store under test; the same instance for every call of one test. */
    protected abstract DeadLetterStore store();

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

    // ---- records to store

    private static Failure failure(String exceptionClass, String message) {
        return new Failure(exceptionClass, message, "java.io.IOException", "root " + message,
                exceptionClass + ": " + message + "\n\tat com.example.Handler.pay(Handler.java:7)\n",
                "com.example.Handler.pay");
    }

    /** A record of a failed payment: every field set. */
    protected static DeadLetterRecord record(UUID id, long failedAt, int attempts, String message) {
        return new DeadLetterRecord(id, id, "com.example.Pay", "{\"id\":\"" + id + "\"}",
                "{\"messageId\":\"" + id + "\",\"metadata\":{\"tenant\":\"t-1\"}}",
                failure("java.lang.IllegalStateException", message), "com.example.Handler#pay",
                "com.example.Bus#send", attempts, Instant.ofEpochMilli(failedAt), Instant.ofEpochMilli(failedAt),
                "a note", "payments", "fp-" + message, List.of());
    }

    /** A record to filter and group by: channel, handler, exception class and fingerprint given. */
    protected static DeadLetterRecord failed(UUID id, long failedAt, String channel, String handler,
                                             String exception, String fingerprint) {
        return new DeadLetterRecord(id, id, "com.example.Pay", "{}", "{}",
                new Failure(exception, "failed", exception, "failed", "trace", "site of " + fingerprint), handler,
                "origin", 1, Instant.ofEpochMilli(failedAt), Instant.ofEpochMilli(failedAt), null, channel,
                fingerprint, List.of());
    }

    private void save(DeadLetterRecord record) throws Exception {
        inTransaction(() -> {
            store().save(record);
            return null;
        });
    }

    private DeadLetterRecord stored(UUID id) throws Exception {
        return inTransaction(() -> store().find(id)).orElseThrow();
    }

    private List<UUID> page(DeadLetterFilter filter, DeadLetterCursor after, int limit, boolean newestFirst)
            throws Exception {
        return inTransaction(() -> store().page(filter, after, limit, newestFirst)).stream()
                .map(DeadLetterRecord::id).toList();
    }

    private long count(DeadLetterFilter filter) throws Exception {
        return inTransaction(() -> store().count(filter));
    }

    private int delete(DeadLetterFilter filter) throws Exception {
        return inTransaction(() -> store().delete(filter));
    }

    private static DeadLetterFilter one(UUID id) {
        return DeadLetterFilter.all().withId(id);
    }

    // ---- save and find

    @Test
    void a_saved_record_is_found_with_every_field_and_its_failure_as_the_first_history_entry() throws Exception {
        UUID id = UUID.randomUUID();
        DeadLetterRecord record = record(id, 1_000, 3, "declined");
        // a history handed in is not the store's to keep: the store records the saved failure itself
        save(record.withHistory(List.of(FailedAttempt.of(Instant.EPOCH, 9, failure("x.Bogus", "bogus")))));

        DeadLetterRecord found = stored(id);
        assertThat(found).isEqualTo(record.withHistory(List.of(record.asAttempt())));
        assertThat(found.history()).singleElement().satisfies(entry -> {
            assertThat(entry.failedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
            assertThat(entry.attempts()).isEqualTo(3);
            assertThat(entry.failure()).isEqualTo(record.failure().withoutStackTrace());
        });
        assertThat(count(DeadLetterFilter.all())).isEqualTo(1);
    }

    @Test
    void an_unknown_id_is_not_found() throws Exception {
        assertThat(inTransaction(() -> store().find(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void saving_an_existing_id_adds_the_attempts_replaces_the_failure_and_appends_to_the_history() throws Exception {
        UUID id = UUID.randomUUID();
        DeadLetterRecord first = record(id, 1_000, 3, "first");
        save(first);
        DeadLetterRecord second = new DeadLetterRecord(id, id, "other.Type", "{}", "{}",
                failure("java.lang.IllegalArgumentException", "second"), "com.example.Handler#pay", "elsewhere", 1,
                Instant.ofEpochMilli(5_000), Instant.ofEpochMilli(5_000), null, null, "fp-second", List.of());
        save(second);

        DeadLetterRecord stored = stored(id);
        assertThat(count(DeadLetterFilter.all())).isEqualTo(1);
        assertThat(stored.attempts()).isEqualTo(4);
        assertThat(stored.failure()).isEqualTo(second.failure());
        assertThat(stored.fingerprint()).isEqualTo("fp-second");
        assertThat(stored.lastFailedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        // what the first failure stored stays: when, what, where it came from and its channel
        assertThat(stored).extracting(DeadLetterRecord::failedAt, DeadLetterRecord::payloadType, DeadLetterRecord::body,
                        DeadLetterRecord::headers, DeadLetterRecord::channel, DeadLetterRecord::messageId)
                .containsExactly(Instant.ofEpochMilli(1_000), first.payloadType(), first.body(), first.headers(),
                        "payments", id);
        assertThat(stored.history()).extracting(FailedAttempt::failedAt, FailedAttempt::attempts,
                        a -> a.failure().exceptionMessage(), a -> a.failure().rootCauseMessage())
                .containsExactly(tuple(Instant.ofEpochMilli(1_000), 3, "first", "root first"),
                        tuple(Instant.ofEpochMilli(5_000), 1, "second", "root second"));
    }

    @Test
    void the_history_keeps_the_latest_failures_only() throws Exception {
        UUID id = UUID.randomUUID();
        for (int i = 1; i <= FailedAttempt.MAX_KEPT + 5; i++) {
            save(record(id, i * 1_000L, 1, "failure " + i));
        }
        DeadLetterRecord stored = stored(id);
        assertThat(stored.attempts()).isEqualTo(FailedAttempt.MAX_KEPT + 5);
        assertThat(stored.history()).hasSize(FailedAttempt.MAX_KEPT);
        assertThat(stored.history().get(0).failure().exceptionMessage()).isEqualTo("failure 6");
        assertThat(stored.history().get(FailedAttempt.MAX_KEPT - 1).failure().exceptionMessage())
                .isEqualTo("failure " + (FailedAttempt.MAX_KEPT + 5));
    }

    @Test
    void long_texts_are_kept_whole_on_the_record_and_cut_in_the_history() throws Exception {
        UUID id = UUID.randomUUID();
        String longText = "x".repeat(100_000);
        DeadLetterRecord record = new DeadLetterRecord(id, id, "com.example.Pay", "\"" + longText + "\"", "{}",
                new Failure("E", longText, "R", longText, longText, "C.m"), null, "origin", 1,
                Instant.ofEpochMilli(1), Instant.ofEpochMilli(1), longText, null, "fp", List.of());
        save(record);

        DeadLetterRecord found = stored(id);
        assertThat(found.withHistory(List.of())).isEqualTo(record);
        assertThat(found.history()).singleElement().satisfies(attempt -> {
            assertThat(attempt.failure().exceptionMessage()).hasSize(FailedAttempt.MAX_MESSAGE_LENGTH)
                    .endsWith("(truncated)");
            assertThat(attempt.failure().rootCauseMessage()).hasSize(FailedAttempt.MAX_MESSAGE_LENGTH);
            assertThat(attempt.failure().stackTrace()).isNull();
        });
    }

    @Test
    void records_of_one_message_with_different_ids_are_kept_apart() throws Exception {
        UUID message = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        save(new DeadLetterRecord(first, message, "com.example.Pay", "{}", "{}", failure("E", "a failed"), "x.A#on",
                "origin", 1, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000), null, null, "g", List.of()));
        save(new DeadLetterRecord(second, message, "com.example.Pay", "{}", "{}", failure("E", "b failed"), "x.B#on",
                "origin", 1, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(2_000), null, null, "g", List.of()));

        assertThat(count(DeadLetterFilter.all())).isEqualTo(2);
        assertThat(inTransaction(() -> store().page(DeadLetterFilter.all().withMessageId(message), null, 10, false)))
                .extracting(DeadLetterRecord::id, DeadLetterRecord::messageId, r -> r.failure().exceptionMessage())
                .containsExactly(tuple(first, message, "a failed"), tuple(second, message, "b failed"));
        assertThat(count(DeadLetterFilter.all().withMessageId(UUID.randomUUID()))).isZero();
    }

    @Test
    void concurrent_saves_of_one_id_make_one_record_with_every_attempt() throws Exception {
        UUID id = UUID.randomUUID();
        int saves = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < saves; i++) {
            long at = 1_000L + i;
            done.add(threads.submit(() -> {
                start.await();
                return saveRetried(record(id, at, 1, "concurrent"));
            }));
        }
        start.countDown();
        for (Future<Integer> save : done) {
            assertThat(save.get(60, TimeUnit.SECONDS)).as("tries").isPositive();
        }
        assertThat(count(DeadLetterFilter.all())).isEqualTo(1);
        assertThat(stored(id).attempts()).isEqualTo(saves);
        assertThat(stored(id).history()).hasSize(saves);
    }

    /**
     * A save as Rebound's dead letter channel makes it: a concurrent first save of the same id may fail (a primary
     * key taken meanwhile), and is tried again in a new transaction, where it finds the record.
     */
    private int saveRetried(DeadLetterRecord record) throws Exception {
        for (int tries = 1; ; tries++) {
            try {
                save(record);
                return tries;
            } catch (Exception | AssertionError conflict) {
                if (tries == 5) {
                    throw conflict;
                }
            }
        }
    }

    // ---- recordFailure

    @Test
    void recording_a_failure_updates_an_existing_record_and_never_creates_one() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(inTransaction(() -> store().recordFailure(record(id, 1_000, 1, "replay failed")))).isFalse();
        assertThat(count(DeadLetterFilter.all())).isZero();
        assertThat(inTransaction(() -> store().find(id))).isEmpty();

        save(record(id, 1_000, 2, "first"));
        assertThat(inTransaction(() -> store().recordFailure(record(id, 5_000, 1, "replay failed")))).isTrue();
        DeadLetterRecord stored = stored(id);
        assertThat(stored.attempts()).isEqualTo(3);
        assertThat(stored.failure().exceptionMessage()).isEqualTo("replay failed");
        assertThat(stored.lastFailedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(stored.failedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(stored.history()).hasSize(2);
    }

    @Test
    void recording_a_failure_after_a_delete_does_not_bring_the_record_back() throws Exception {
        UUID id = UUID.randomUUID();
        save(record(id, 1_000, 1, "first"));
        assertThat(delete(one(id))).isEqualTo(1);

        assertThat(inTransaction(() -> store().recordFailure(record(id, 2_000, 1, "replay failed")))).isFalse();
        assertThat(inTransaction(() -> store().find(id))).isEmpty();
    }

    // ---- claims: delete of one id in the caller's transaction

    @Test
    void a_claim_takes_the_record_once_and_a_rolled_back_claim_leaves_it() throws Exception {
        UUID id = UUID.randomUUID();
        save(record(id, 1_000, 1, "failed"));

        assertThatThrownBy(() -> inTransaction(() -> {
            assertThat(store().delete(one(id))).isEqualTo(1);
            throw new IllegalStateException("handler failed: roll the claim back");
        })).hasMessage("handler failed: roll the claim back");
        assertThat(stored(id).attempts()).isEqualTo(1);

        assertThat(delete(one(id))).isEqualTo(1);
        assertThat(delete(one(id))).as("the second claim").isZero();
        assertThat(inTransaction(() -> store().find(id))).isEmpty();
    }

    @Test
    void of_two_concurrent_claims_of_one_record_exactly_one_takes_it() throws Exception {
        UUID id = UUID.randomUUID();
        save(record(id, 1_000, 1, "failed"));
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        Future<Integer> first = threads.submit(() -> inTransaction(() -> {
            int taken = store().delete(one(id));
            claimed.countDown();
            release.await(30, TimeUnit.SECONDS);   // the replay's handler runs: the transaction stays open
            return taken;
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
        Future<Integer> second = threads.submit(() -> delete(one(id)));
        release.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(inTransaction(() -> store().find(id))).isEmpty();
    }

    @Test
    void a_rolled_back_save_keeps_nothing() throws Exception {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> inTransaction(() -> {
            store().save(record(id, 1_000, 1, "failed"));
            throw new IllegalStateException("the dead letter channel's transaction failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(inTransaction(() -> store().find(id))).isEmpty();
        assertThat(count(DeadLetterFilter.all())).isZero();
    }

    // ---- pages and filters

    @Test
    void pages_follow_the_cursor_in_both_directions_without_gaps_or_repeats() throws Exception {
        for (int i = 0; i < 7; i++) {
            // two share each failure time, so the id (as text) decides the order among them
            save(failed(UUID.randomUUID(), 1_000L * (i / 2), "orders", "a.H#h", "E", "g"));
        }
        List<DeadLetterRecord> ascending = inTransaction(() -> store().page(DeadLetterFilter.all(), null, 100, false));
        assertThat(ascending).hasSize(7);
        for (int i = 1; i < ascending.size(); i++) {
            DeadLetterRecord before = ascending.get(i - 1);
            DeadLetterRecord after = ascending.get(i);
            assertThat(before.failedAt().isBefore(after.failedAt()) || before.failedAt().equals(after.failedAt())
                    && before.id().toString().compareTo(after.id().toString()) < 0)
                    .as("ordered by (failedAt, id)").isTrue();
        }

        List<UUID> walked = new ArrayList<>();
        DeadLetterCursor cursor = null;
        for (int round = 0; round < 3; round++) {
            DeadLetterCursor after = cursor;
            List<DeadLetterRecord> page = inTransaction(() -> store().page(DeadLetterFilter.all(), after, 3, false));
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            page.forEach(r -> walked.add(r.id()));
            DeadLetterRecord last = page.get(page.size() - 1);
            cursor = new DeadLetterCursor(last.failedAt(), last.id());
        }
        assertThat(walked).containsExactlyElementsOf(ascending.stream().map(DeadLetterRecord::id).toList());
        DeadLetterCursor end = cursor;
        assertThat(page(DeadLetterFilter.all(), end, 3, false)).isEmpty();

        List<UUID> descending = new ArrayList<>(walked);
        Collections.reverse(descending);
        assertThat(page(DeadLetterFilter.all(), null, 100, true)).containsExactlyElementsOf(descending);
        assertThat(page(DeadLetterFilter.all(), null, 2, true)).containsExactlyElementsOf(descending.subList(0, 2));
        DeadLetterRecord fifth = ascending.get(4);
        assertThat(page(DeadLetterFilter.all(), new DeadLetterCursor(fifth.failedAt(), fifth.id()), 100, true))
                .containsExactlyElementsOf(descending.subList(3, 7));
    }

    @Test
    void filters_select_by_channel_handler_exception_group_time_window_message_and_id() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        save(failed(a, 1_000, "orders", "x.Orders#place", "java.io.IOException", "g1"));
        save(failed(b, 2_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "g2"));
        save(failed(c, 3_000, "billing", "x.Billing#charge", "java.io.IOException", "g3"));
        save(failed(d, 4_000, null, "x.Sync#run", "java.io.IOException", "g3"));

        DeadLetterFilter all = DeadLetterFilter.all();
        assertThat(page(all, null, 10, true)).containsExactly(d, c, b, a);
        assertThat(page(all.withChannel("orders"), null, 10, true)).containsExactly(b, a);
        assertThat(page(all.withHandler("x.Billing#charge"), null, 10, true)).containsExactly(c);
        assertThat(page(all.withExceptionClass("java.io.IOException"), null, 10, true)).containsExactly(d, c, a);
        assertThat(page(all.withFingerprint("g3"), null, 10, true)).containsExactly(d, c);
        assertThat(page(all.withFrom(Instant.ofEpochMilli(2_000)).withTo(Instant.ofEpochMilli(3_000)), null, 10, true))
                .as("both ends of the window included").containsExactly(c, b);
        assertThat(page(all.withMessageId(c), null, 10, true)).containsExactly(c);
        assertThat(page(all.withId(b), null, 10, true)).containsExactly(b);
        assertThat(page(all.withId(b).withChannel("billing"), null, 10, true)).isEmpty();
        assertThat(page(all.withChannel("orders").withExceptionClass("java.io.IOException"), null, 10, true))
                .containsExactly(a);

        assertThat(count(all)).isEqualTo(4);
        assertThat(count(all.withExceptionClass("java.io.IOException"))).isEqualTo(3);
        assertThat(count(all.withTo(Instant.ofEpochMilli(2_000)))).isEqualTo(2);
        assertThat(count(all.withId(d))).isEqualTo(1);
        assertThat(count(all.withChannel("nowhere"))).isZero();
    }

    @Test
    void the_time_window_applies_to_the_first_failure_which_a_new_failure_does_not_move() throws Exception {
        UUID id = UUID.randomUUID();
        save(record(id, 1_000, 1, "first"));
        save(record(id, 9_000, 1, "again"));

        assertThat(count(DeadLetterFilter.all().withTo(Instant.ofEpochMilli(1_000)))).isEqualTo(1);
        assertThat(count(DeadLetterFilter.all().withFrom(Instant.ofEpochMilli(2_000)))).isZero();
    }

    // ---- delete, groups, stats

    @Test
    void delete_by_filter_removes_only_the_matching_records() throws Exception {
        UUID kept = UUID.randomUUID();
        UUID alone = UUID.randomUUID();
        save(failed(kept, 1_000, "orders", "h", "E", "keep"));
        save(failed(UUID.randomUUID(), 2_000, "orders", "h", "E", "drop"));
        save(failed(UUID.randomUUID(), 3_000, "orders", "h", "E", "drop"));
        save(failed(UUID.randomUUID(), 9_000, "orders", "h", "E", "drop"));
        save(failed(alone, 10_000, "orders", "h", "E", "other"));

        assertThat(delete(DeadLetterFilter.all().withFingerprint("drop").withTo(Instant.ofEpochMilli(5_000))))
                .isEqualTo(2);
        assertThat(count(DeadLetterFilter.all())).isEqualTo(3);
        assertThat(delete(one(alone))).isEqualTo(1);
        assertThat(delete(one(alone))).isZero();
        assertThat(page(DeadLetterFilter.all(), null, 10, false)).hasSize(2).startsWith(kept);
        assertThat(delete(DeadLetterFilter.all())).isEqualTo(2);
        assertThat(count(DeadLetterFilter.all())).isZero();
    }

    @Test
    void groups_count_first_and_last_failure_largest_first() throws Exception {
        save(failed(UUID.randomUUID(), 1_000, "orders", "x.Orders#place", "java.io.IOException", "small"));
        UUID again = UUID.randomUUID();
        save(failed(again, 2_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "big"));
        save(failed(again, 9_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "big"));
        save(failed(UUID.randomUUID(), 5_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "big"));
        save(failed(UUID.randomUUID(), 6_000, "billing", "x.Billing#charge", "java.io.IOException", "late"));

        List<FailureGroup> groups = inTransaction(() -> store().groups(DeadLetterFilter.all()));
        assertThat(groups).extracting(FailureGroup::fingerprint, FailureGroup::count, FailureGroup::firstFailedAt,
                        FailureGroup::lastFailedAt, FailureGroup::handler, FailureGroup::failureSite,
                        FailureGroup::exceptionClass)
                .containsExactly(
                        tuple("big", 2L, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(9_000), "x.Orders#cancel",
                                "site of big", "java.lang.IllegalStateException"),
                        tuple("late", 1L, Instant.ofEpochMilli(6_000), Instant.ofEpochMilli(6_000), "x.Billing#charge",
                                "site of late", "java.io.IOException"),
                        tuple("small", 1L, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000), "x.Orders#place",
                                "site of small", "java.io.IOException"));
        assertThat(inTransaction(() -> store().groups(DeadLetterFilter.all().withChannel("orders"))))
                .extracting(FailureGroup::fingerprint).containsExactly("big", "small");
        assertThat(inTransaction(() -> store().groups(DeadLetterFilter.all().withChannel("nowhere")))).isEmpty();
    }

    @Test
    void stats_count_per_channel_and_find_the_oldest_failure() throws Exception {
        assertThat(inTransaction(() -> store().stats())).isEqualTo(new DeadLetterStats(0, null, List.of()));
        save(failed(UUID.randomUUID(), 3_000, "orders", "h", "E", "g"));
        save(failed(UUID.randomUUID(), 2_000, "orders", "h", "E", "g"));
        save(failed(UUID.randomUUID(), 4_000, null, "h", "E", "g"));

        DeadLetterStats stats = inTransaction(() -> store().stats());
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.oldestFailure()).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(stats.channels()).containsExactly(new DeadLetterStats.ChannelCount("orders", 2),
                new DeadLetterStats.ChannelCount(null, 1));
    }
}
