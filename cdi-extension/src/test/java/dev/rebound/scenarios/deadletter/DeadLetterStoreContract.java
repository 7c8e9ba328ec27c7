package dev.rebound.scenarios.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rebound.DeadLetterCursor;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetterStats;
import dev.rebound.FailedAttempt;
import dev.rebound.FailureGroup;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeadLetterStore} must do. A store implementation's test extends this class and says
 * how to get the store and how to run a piece of work in a transaction.
 */
public abstract class DeadLetterStoreContract {

    protected abstract DeadLetterStore store();

    protected abstract <T> T inTransaction(Callable<T> work) throws Exception;

    @BeforeEach
    void empty() throws Exception {
        inTransaction(() -> store().deleteAll());
    }

    static DeadLetterRecord record(UUID id, long failedAt, int attempts, String error) {
        return new DeadLetterRecord(id, id, "com.example.Pay", "{\"id\":\"" + id + "\"}",
                "{\"messageId\":\"" + id + "\"}", "java.lang.IllegalStateException", error,
                "java.io.IOException", "root " + error, "trace of " + error, "com.example.Handler#pay",
                "com.example.Bus#send", attempts, Instant.ofEpochMilli(failedAt), Instant.ofEpochMilli(failedAt),
                null);
    }

    private void save(DeadLetterRecord record) throws Exception {
        inTransaction(() -> {
            store().save(record);
            return null;
        });
    }

    @Test
    void saved_record_is_found_with_every_field() throws Exception {
        UUID id = UUID.randomUUID();
        DeadLetterRecord record = record(id, 1_000, 3, "declined");
        save(record);

        assertThat(inTransaction(() -> store().find(id))).contains(record.withHistory(List.of(record.asAttempt())));
        assertThat(inTransaction(() -> store().count())).isEqualTo(1);
    }

    @Test
    void saving_the_same_message_again_updates_the_one_record() throws Exception {
        UUID id = UUID.randomUUID();
        save(record(id, 1_000, 3, "first"));
        save(record(id, 5_000, 1, "second"));

        DeadLetterRecord stored = inTransaction(() -> store().find(id)).orElseThrow();
        assertThat(inTransaction(() -> store().count())).isEqualTo(1);
        assertThat(stored.attempts()).isEqualTo(4);
        assertThat(stored.exceptionMessage()).isEqualTo("second");
        assertThat(stored.rootCauseMessage()).isEqualTo("root second");
        assertThat(stored.failedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(stored.lastFailedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(stored.body()).isEqualTo("{\"id\":\"" + id + "\"}");
        assertThat(stored.history()).extracting(FailedAttempt::failedAt, FailedAttempt::attempts,
                        FailedAttempt::exceptionMessage, FailedAttempt::rootCauseMessage)
                .containsExactly(tuple(Instant.ofEpochMilli(1_000), 3, "first", "root first"),
                        tuple(Instant.ofEpochMilli(5_000), 1, "second", "root second"));
    }

    @Test
    void a_new_failure_replaces_the_group_but_keeps_the_channel() throws Exception {
        UUID id = UUID.randomUUID();
        save(failure(id, 1_000, "orders", "a.Handler#pay", "java.io.IOException", "g-io"));
        save(failure(id, 2_000, null, "a.Handler#pay", "java.lang.IllegalStateException", "g-state"));

        DeadLetterRecord stored = inTransaction(() -> store().find(id)).orElseThrow();
        assertThat(stored.fingerprint()).isEqualTo("g-state");
        assertThat(stored.exceptionClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(stored.failureSite()).isEqualTo("site of g-state");
        assertThat(stored.channel()).isEqualTo("orders");
    }

    @Test
    void history_keeps_the_latest_failures_only() throws Exception {
        UUID id = UUID.randomUUID();
        for (int i = 1; i <= FailedAttempt.MAX_KEPT + 5; i++) {
            save(record(id, i * 1_000L, 1, "failure " + i));
        }
        DeadLetterRecord stored = inTransaction(() -> store().find(id)).orElseThrow();
        assertThat(stored.attempts()).isEqualTo(FailedAttempt.MAX_KEPT + 5);
        assertThat(stored.history()).hasSize(FailedAttempt.MAX_KEPT);
        assertThat(stored.history().get(0).exceptionMessage()).isEqualTo("failure 6");
        assertThat(stored.history().get(FailedAttempt.MAX_KEPT - 1).exceptionMessage())
                .isEqualTo("failure " + (FailedAttempt.MAX_KEPT + 5));
    }

    static DeadLetterRecord failure(UUID id, long failedAt, String channel, String handler, String exception,
                                    String fingerprint) {
        return new DeadLetterRecord(id, id, "com.example.Pay", "{}", "{}", exception, "failed", exception, "failed",
                "trace", handler, "origin", 1, Instant.ofEpochMilli(failedAt), Instant.ofEpochMilli(failedAt),
                null, channel, fingerprint, "site of " + fingerprint, List.of());
    }

    private List<UUID> page(DeadLetterFilter filter, DeadLetterCursor after, int limit, boolean newestFirst)
            throws Exception {
        return inTransaction(() -> store().page(filter, after, limit, newestFirst)).stream()
                .map(DeadLetterRecord::id).toList();
    }

    @Test
    void pages_follow_the_cursor_in_both_directions_without_gaps_or_repeats() throws Exception {
        for (int i = 0; i < 7; i++) {
            // two share each failure time, so the id decides the order among them
            save(failure(UUID.randomUUID(), 1_000L * (i / 2), "orders", "a.H#h", "E", "g"));
        }
        List<DeadLetterRecord> ascending = inTransaction(() -> store().page(DeadLetterFilter.all(), null, 100, false));
        assertThat(ascending).hasSize(7).isSortedAccordingTo(Comparator.comparing(DeadLetterRecord::failedAt));

        List<UUID> walked = new ArrayList<>();
        DeadLetterCursor cursor = null;
        for (int round = 0; round < 3; round++) {
            DeadLetterCursor after = cursor;
            List<DeadLetterRecord> page = inTransaction(() -> store().page(DeadLetterFilter.all(), after, 3, false));
            page.forEach(r -> walked.add(r.id()));
            DeadLetterRecord last = page.get(page.size() - 1);
            cursor = new DeadLetterCursor(last.failedAt(), last.id());
        }
        assertThat(walked).containsExactlyElementsOf(ascending.stream().map(DeadLetterRecord::id).toList());

        List<UUID> descending = new ArrayList<>(walked);
        Collections.reverse(descending);
        assertThat(page(DeadLetterFilter.all(), null, 100, true)).containsExactlyElementsOf(descending);
        DeadLetterRecord fifth = ascending.get(4);
        assertThat(page(DeadLetterFilter.all(), new DeadLetterCursor(fifth.failedAt(), fifth.id()), 100, true))
                .containsExactlyElementsOf(descending.subList(3, 7));
    }

    @Test
    void filters_select_by_channel_handler_exception_group_and_time_window() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        save(failure(a, 1_000, "orders", "x.Orders#place", "java.io.IOException", "g1"));
        save(failure(b, 2_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "g2"));
        save(failure(c, 3_000, "billing", "x.Billing#charge", "java.io.IOException", "g3"));
        save(failure(d, 4_000, null, "x.Sync#run", "java.io.IOException", "g3"));

        DeadLetterFilter all = DeadLetterFilter.all();
        assertThat(page(all.withChannel("orders"), null, 10, true)).containsExactly(b, a);
        assertThat(page(all.withHandler("x.Billing#charge"), null, 10, true)).containsExactly(c);
        assertThat(page(all.withExceptionClass("java.io.IOException"), null, 10, true)).containsExactly(d, c, a);
        assertThat(page(all.withFingerprint("g3"), null, 10, true)).containsExactly(d, c);
        assertThat(page(all.withFrom(Instant.ofEpochMilli(2_000)).withTo(Instant.ofEpochMilli(3_000)), null, 10, true))
                .containsExactly(c, b);
        assertThat(page(all.withChannel("orders").withExceptionClass("java.io.IOException"), null, 10, true))
                .containsExactly(a);
        assertThat(inTransaction(() -> store().count(all.withExceptionClass("java.io.IOException")))).isEqualTo(3);
        assertThat(inTransaction(() -> store().count(all.withChannel("nowhere")))).isZero();
    }

    @Test
    void groups_count_first_and_last_failure_largest_first() throws Exception {
        save(failure(UUID.randomUUID(), 1_000, "orders", "x.Orders#place", "java.io.IOException", "small"));
        UUID again = UUID.randomUUID();
        save(failure(again, 2_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "big"));
        save(failure(again, 9_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "big"));
        save(failure(UUID.randomUUID(), 5_000, "orders", "x.Orders#cancel", "java.lang.IllegalStateException", "big"));

        List<FailureGroup> groups = inTransaction(() -> store().groups(DeadLetterFilter.all()));
        assertThat(groups).extracting(FailureGroup::fingerprint, FailureGroup::count, FailureGroup::firstFailedAt,
                        FailureGroup::lastFailedAt, FailureGroup::handler, FailureGroup::failureSite)
                .containsExactly(
                        tuple("big", 2L, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(9_000), "x.Orders#cancel",
                                "site of big"),
                        tuple("small", 1L, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000), "x.Orders#place",
                                "site of small"));
        assertThat(inTransaction(() -> store().groups(DeadLetterFilter.all().withHandler("x.Orders#place"))))
                .extracting(FailureGroup::fingerprint).containsExactly("small");
    }

    @Test
    void stats_count_per_channel_and_find_the_oldest_failure() throws Exception {
        assertThat(inTransaction(() -> store().stats())).isEqualTo(new DeadLetterStats(0, null, List.of()));
        save(failure(UUID.randomUUID(), 3_000, "orders", "h", "E", "g"));
        save(failure(UUID.randomUUID(), 2_000, "orders", "h", "E", "g"));
        save(failure(UUID.randomUUID(), 4_000, null, "h", "E", "g"));

        DeadLetterStats stats = inTransaction(() -> store().stats());
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.oldestFailure()).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(stats.channels()).containsExactly(new DeadLetterStats.ChannelCount("orders", 2),
                new DeadLetterStats.ChannelCount(null, 1));
    }

    @Test
    void delete_by_filter_removes_only_the_matching_records() throws Exception {
        UUID kept = UUID.randomUUID();
        save(failure(kept, 1_000, "orders", "h", "E", "keep"));
        save(failure(UUID.randomUUID(), 2_000, "orders", "h", "E", "drop"));
        save(failure(UUID.randomUUID(), 3_000, "orders", "h", "E", "drop"));
        save(failure(UUID.randomUUID(), 9_000, "orders", "h", "E", "drop"));

        assertThat(inTransaction(() -> store().delete(DeadLetterFilter.all().withFingerprint("drop")
                .withTo(Instant.ofEpochMilli(5_000))))).isEqualTo(2);
        assertThat(inTransaction(() -> store().count(DeadLetterFilter.all()))).isEqualTo(2);
        assertThat(inTransaction(() -> store().find(kept))).isPresent();
    }

    @Test
    void list_is_ordered_by_first_failure_and_paged() throws Exception {
        UUID late = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        UUID middle = UUID.randomUUID();
        save(record(late, 3_000, 1, "late"));
        save(record(early, 1_000, 1, "early"));
        save(record(middle, 2_000, 1, "middle"));

        assertThat(inTransaction(() -> store().list(0, 2))).extracting(DeadLetterRecord::id)
                .containsExactly(early, middle);
        assertThat(inTransaction(() -> store().list(2, 2))).extracting(DeadLetterRecord::id)
                .containsExactly(late);
        assertThat(inTransaction(() -> store().ids())).containsExactly(early, middle, late);
    }

    @Test
    void delete_removes_only_the_given_record() throws Exception {
        UUID kept = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        save(record(kept, 1_000, 1, "kept"));
        save(record(removed, 2_000, 1, "removed"));

        assertThat(inTransaction(() -> store().delete(removed))).isTrue();
        assertThat(inTransaction(() -> store().delete(removed))).isFalse();
        assertThat(inTransaction(() -> store().ids())).containsExactly(kept);
        assertThat(inTransaction(() -> store().deleteAll())).isEqualTo(1);
        assertThat(inTransaction(() -> store().count())).isZero();
    }

    @Test
    void records_of_one_message_with_different_ids_are_kept_apart() throws Exception {
        UUID message = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        save(new DeadLetterRecord(first, message, "com.example.Pay", "{}", "{}", "E", "a failed", "E", "a failed",
                "trace", "x.A#on", "origin", 1, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000), null));
        save(new DeadLetterRecord(second, message, "com.example.Pay", "{}", "{}", "E", "b failed", "E", "b failed",
                "trace", "x.B#on", "origin", 1, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(2_000), null));

        assertThat(inTransaction(() -> store().count())).isEqualTo(2);
        assertThat(inTransaction(() -> store().page(DeadLetterFilter.all().withMessageId(message), null, 10, false)))
                .extracting(DeadLetterRecord::id, DeadLetterRecord::messageId, DeadLetterRecord::exceptionMessage)
                .containsExactly(tuple(first, message, "a failed"), tuple(second, message, "b failed"));
        assertThat(inTransaction(() -> store().count(DeadLetterFilter.all().withMessageId(UUID.randomUUID()))))
                .isZero();
    }

    @Test
    void a_claim_takes_the_record_once_and_a_rolled_back_claim_leaves_it() throws Exception {
        UUID id = UUID.randomUUID();
        save(record(id, 1_000, 1, "failed"));

        try {
            inTransaction(() -> {
                assertThat(store().claim(id)).isTrue();
                throw new IllegalStateException("handler failed: roll the claim back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(inTransaction(() -> store().find(id))).isPresent();
        assertThat(inTransaction(() -> store().claim(id))).isTrue();
        assertThat(inTransaction(() -> store().claim(id))).isFalse();
        assertThat(inTransaction(() -> store().find(id))).isEmpty();
    }

    @Test
    void recording_a_failure_updates_an_existing_record_and_never_creates_one() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(inTransaction(() -> store().recordFailure(record(id, 1_000, 1, "replay failed")))).isFalse();
        assertThat(inTransaction(() -> store().count())).isZero();

        save(record(id, 1_000, 2, "first"));
        assertThat(inTransaction(() -> store().recordFailure(record(id, 5_000, 1, "replay failed")))).isTrue();
        DeadLetterRecord stored = inTransaction(() -> store().find(id)).orElseThrow();
        assertThat(stored.attempts()).isEqualTo(3);
        assertThat(stored.exceptionMessage()).isEqualTo("replay failed");
        assertThat(stored.history()).hasSize(2);
    }

    @Test
    void unknown_id_is_not_found() throws Exception {
        assertThat(inTransaction(() -> store().find(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void long_texts_are_kept_whole() throws Exception {
        UUID id = UUID.randomUUID();
        String longText = "x".repeat(100_000);
        DeadLetterRecord record = new DeadLetterRecord(id, id, "com.example.Pay", "\"" + longText + "\"", "{}",
                "E", longText, "R", longText, longText, null, "origin", 1, Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(1), longText);
        save(record);
        DeadLetterRecord found = inTransaction(() -> store().find(id)).orElseThrow();
        assertThat(found.withHistory(List.of())).isEqualTo(record);
        assertThat(found.history()).singleElement().satisfies(attempt -> {
            assertThat(attempt.exceptionMessage()).hasSize(FailedAttempt.MAX_MESSAGE_LENGTH).endsWith("...");
            assertThat(attempt.rootCauseMessage()).hasSize(FailedAttempt.MAX_MESSAGE_LENGTH);
        });
    }
}
