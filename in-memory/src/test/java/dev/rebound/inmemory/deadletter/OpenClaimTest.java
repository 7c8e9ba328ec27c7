package dev.rebound.inmemory.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetterFilter;
import dev.rebound.Failure;
import dev.rebound.inmemory.InMemoryDeadLetterStore;
import dev.rebound.spi.DeadLetterRecord;
import dev.rebound.testsupport.Jta;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory store does where a database would make a writer wait for a replay's claim (the row lock of its
 * delete): the write waits for the claim's end, and a recorded failure never brings back a claimed dead letter.
 */
class OpenClaimTest {

    private final TransactionManager tm = Jta.transactionManager();
    private final InMemoryDeadLetterStore store = new InMemoryDeadLetterStore(Jta.synchronizationRegistry());
    private final UUID id = UUID.randomUUID();

    private DeadLetterRecord failure(int attempts, String message) {
        return new DeadLetterRecord(id, id, "T", "{}", "{}", new Failure("E", message, "E", message, "trace", null),
                "H#m", "o", attempts, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_000), null, null, "g",
                List.of());
    }

    private void committed(Runnable work) throws Exception {
        Jta.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Begins a transaction that claims the dead letter and leaves it open, suspended from this thread. */
    private Transaction openClaim() throws Exception {
        tm.begin();
        assertThat(store.delete(DeadLetterFilter.all().withId(id))).isEqualTo(1);
        return tm.suspend();
    }

    /**
     * A failure recorded (not yet committed) on a stored dead letter, then a claim of it opened, then the failure's
     * transaction committed; returns the claim, still open and suspended.
     */
    private Transaction failureRecordedThenClaimed() throws Exception {
        committed(() -> store.save(failure(1, "first")));
        tm.begin();
        assertThat(store.recordFailure(failure(1, "replay failed"))).isTrue();
        Transaction record = tm.suspend();
        Transaction claim = openClaim();
        tm.resume(record);
        tm.commit();
        return claim;
    }

    @Test
    void a_save_during_an_open_claim_waits_for_it_and_then_makes_a_new_dead_letter() throws Exception {
        committed(() -> store.save(failure(1, "first")));
        Transaction claim = openClaim();

        committed(() -> store.save(failure(2, "failed again meanwhile")));
        assertThat(store.find(id)).get().extracting(DeadLetterRecord::attempts).isEqualTo(1);

        tm.resume(claim);
        tm.commit();
        assertThat(store.find(id)).get().satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.failure().exceptionMessage()).isEqualTo("failed again meanwhile");
            assertThat(r.history()).hasSize(1);
        });
    }

    @Test
    void a_failure_recorded_before_a_claim_commits_is_dropped_with_the_claimed_dead_letter() throws Exception {
        tm.resume(failureRecordedThenClaimed());
        tm.commit();

        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void a_rolled_back_claim_gives_the_dead_letter_back_with_the_failures_recorded_meanwhile() throws Exception {
        tm.resume(failureRecordedThenClaimed());
        tm.rollback();

        assertThat(store.find(id)).get().extracting(DeadLetterRecord::attempts).isEqualTo(2);
    }
}
