package dev.rebound.inmemory.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application that produces an {@code InMemoryDeadLetterStore} keeps its dead letters in memory, and a replay's
 * claim joins the replay's transaction (found through the TransactionManager bean): a failed replay gives the dead
 * letter back with its new failure.
 */
@ReboundTest(beans = {InMemoryStoreProducer.class, PaymentBus.class, Payments.class})
class InMemoryStoreBeanTest {

    @Inject
    PaymentBus bus;
    @Inject
    Payments payments;
    @Inject
    DeadLetters deadLetters;

    @Test
    void dead_letters_go_to_the_produced_in_memory_store_not_to_the_table() {
        bus.send(new Charge("o-1"));

        assertThat(deadLetters.count()).isEqualTo(1);
        DeadLetter letter = deadLetters.list(0, 10).get(0);
        assertThat(letter.payload()).isEqualTo(new Charge("o-1"));
        assertThat(letter.failure().exceptionMessage()).isEqualTo("provider down for o-1");
        assertThat(letter.failure().site()).isEqualTo(Payments.class.getName() + ".charge");
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dead_letter")).isZero();
    }

    @Test
    void a_failed_replay_rolls_its_claim_back_and_records_the_failure_and_a_fixed_one_removes_the_dead_letter() {
        bus.send(new Charge("o-2"));
        DeadLetter letter = deadLetters.list(0, 10).get(0);

        assertThat(deadLetters.replay(letter.id())).isFalse();
        DeadLetter again = deadLetters.show(letter.id()).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.history()).hasSize(2);

        payments.recover();
        assertThat(deadLetters.replay(letter.id())).isTrue();
        assertThat(deadLetters.show(letter.id())).isEmpty();
        assertThat(payments.calls()).isEqualTo(3);
    }

    @Test
    void list_walks_to_its_offset_in_the_order_of_first_failure() {
        for (int i = 0; i < 5; i++) {
            bus.send(new Charge("o-" + i));
        }
        List<DeadLetter> all = deadLetters.list(0, 10);
        assertThat(all).hasSize(5).isSortedAccordingTo(Comparator.comparing(DeadLetter::failedAt));

        assertThat(deadLetters.list(1, 2)).containsExactlyElementsOf(all.subList(1, 3));
        assertThat(deadLetters.list(4, 10)).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(deadLetters.list(5, 10)).isEmpty();
        assertThat(deadLetters.list(0, 0)).isEmpty();
        assertThat(deadLetters.count()).isEqualTo(5);
        assertThat(deadLetters.deleteAll()).isEqualTo(5);
        assertThat(deadLetters.count()).isZero();
    }
}
