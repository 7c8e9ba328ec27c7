package dev.rebound.scenarios.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.spi.DeadLetterStore;
import java.time.Instant;
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
        return new DeadLetterRecord(id, "com.example.Pay", "{\"id\":\"" + id + "\"}",
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

        assertThat(inTransaction(() -> store().find(id))).contains(record);
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
    }

    @Test
    void list_is_ordered_by_first_failure_and_paged() throws Exception {
        UUID late = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        UUID middle = UUID.randomUUID();
        save(record(late, 3_000, 1, "late"));
        save(record(early, 1_000, 1, "early"));
        save(record(middle, 2_000, 1, "middle"));

        assertThat(inTransaction(() -> store().list(0, 2))).extracting(DeadLetterRecord::messageId)
                .containsExactly(early, middle);
        assertThat(inTransaction(() -> store().list(2, 2))).extracting(DeadLetterRecord::messageId)
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
    void unknown_id_is_not_found() throws Exception {
        assertThat(inTransaction(() -> store().find(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void long_texts_are_kept_whole() throws Exception {
        UUID id = UUID.randomUUID();
        String longText = "x".repeat(100_000);
        DeadLetterRecord record = new DeadLetterRecord(id, "com.example.Pay", "\"" + longText + "\"", "{}",
                "E", longText, "R", longText, longText, null, "origin", 1, Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(1), longText);
        save(record);
        assertThat(inTransaction(() -> store().find(id))).contains(record);
    }
}
