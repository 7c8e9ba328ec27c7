package dev.rebound.inmemory.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetterFilter;
import dev.rebound.Failure;
import dev.rebound.inmemory.InMemoryDeadLetterStore;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The limit of the in-memory store where it finds no transaction manager (no JNDI registry, no CDI container): it
 * says so once, and its writes take effect at once, so a rollback does not undo them.
 */
class WithoutTransactionsTest {

    @Test
    void without_a_registry_or_manager_a_rolled_back_save_and_claim_stay_done_and_the_store_says_so() throws Exception {
        InMemoryDeadLetterStore store = new InMemoryDeadLetterStore();
        UUID id = UUID.randomUUID();
        DeadLetterRecord record = new DeadLetterRecord(id, id, "T", "{}", "{}",
                new Failure("E", "m", "E", "m", "trace", null), "H#m", "o", 1, Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(1), null, null, "g", List.of());

        try (LogRecords logged = LogRecords.of(InMemoryDeadLetterStore.class.getName())) {
            assertThatThrownBy(() -> Jta.inTransaction(() -> {
                store.save(record);
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            assertThat(logged.messages("REBOUND-3077")).hasSize(1);
        }
        assertThat(store.find(id)).as("kept despite the rollback").isPresent();

        assertThatThrownBy(() -> Jta.inTransaction(() -> {
            store.delete(DeadLetterFilter.all().withId(id));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(store.find(id)).as("gone despite the rollback").isEmpty();
    }
}
