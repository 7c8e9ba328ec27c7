package dev.rebound.scenarios.bounded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.DeadLetter;
import dev.rebound.Failure;
import dev.rebound.DeadLetters;
import dev.rebound.ReboundException;
import dev.rebound.testing.ObservedDeadLetterStore;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a dead letter keeps and what a replay holds stay bounded; a failure to record is not lost in the log. */
@ReboundTest(beans = {Crates.CrateBus.class, Crates.Loader.class, ObservedDeadLetterStore.class})
class BoundedDeadLetterTest {

    @Inject
    Crates.CrateBus bus;
    @Inject
    Crates.Loader loader;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ObservedDeadLetterStore store;

    private LogRecords logged;

    @BeforeEach
    void clean() {
        logged = LogRecords.of("dev.rebound.deadletter.DeadLetterService");
    }

    @AfterEach
    void detach() {
        logged.close();
        store.failToRecord(null);
    }

    @Test
    void exception_messages_are_stored_cut_to_their_bound_on_failure_and_on_a_failed_replay() {
        bus.send(new Crates.Verbose(200_000));
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        int max = Failure.MAX_MESSAGE_LENGTH;
        assertThat(letter.failure().exceptionMessage()).hasSize(max).startsWith("rejected: xxx").endsWith("(truncated)");
        assertThat(letter.failure().rootCauseMessage()).hasSize(max).startsWith("root: yyy");

        assertThat(deadLetters.replay(letter.id())).isFalse();
        DeadLetter again = deadLetters.show(letter.id()).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.failure().exceptionMessage()).hasSize(max);
        assertThat(again.failure().rootCauseMessage()).hasSize(max);
        assertThat(Postgres.count("SELECT max(length(exception_message) + length(root_cause_message)) "
                + "FROM rebound_dead_letter")).isEqualTo(2L * max);
    }

    @Test
    void replay_all_reads_the_dead_letters_in_bounded_batches_and_replays_every_one() {
        for (int i = 0; i < 230; i++) {
            bus.send(new Crates.Load("c-" + i));
        }
        loader.heal();

        assertThat(deadLetters.replayAll()).isEqualTo(230);
        assertThat(loader.loaded()).isEqualTo(230);
        assertThat(deadLetters.count()).isZero();
        assertThat(store.largestPage()).isLessThanOrEqualTo(100);
        assertThat(store.pages()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_failed_replay_whose_failure_cannot_be_recorded_says_so_with_both_failures() {
        bus.send(new Crates.Load("c-1"));
        UUID id = deadLetters.list(0, 1).get(0).id();
        store.failToRecord(new IllegalStateException("dead letter database down"));

        assertThatThrownBy(() -> deadLetters.replay(id)).isInstanceOf(ReboundException.class)
                .hasMessageContaining("REBOUND-1018").hasMessageContaining(id.toString())
                .hasMessageContaining("crane down for c-1")
                .cause().hasMessage("dead letter database down")
                .satisfies(storeFailure -> assertThat(storeFailure.getSuppressed())
                        .anySatisfy(original -> assertThat(original).hasMessage("crane down for c-1")));

        assertThat(logged.startingWith("REBOUND-1018")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                    assertThat(r.getThrown()).hasMessage("dead letter database down");
                    assertThat(r.getThrown().getSuppressed()).extracting(Throwable::getMessage)
                            .contains("crane down for c-1");
                });
        store.failToRecord(null);
        DeadLetter unchanged = deadLetters.show(id).orElseThrow();
        assertThat(unchanged.attempts()).as("the dead letter is kept as it was").isEqualTo(1);
    }
}
