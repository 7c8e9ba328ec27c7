package dev.rebound.inmemory.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
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
}
