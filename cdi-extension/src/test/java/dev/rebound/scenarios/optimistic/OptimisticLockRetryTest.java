package dev.rebound.scenarios.optimistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.Attempt;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.StaleVersionException;
import dev.rebound.spi.MessageObserver;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.Test;

/**
 * Optimistic-lock conflicts on a gateway, with Hibernate on PostgreSQL: retried by default, each attempt in a
 * transaction of its own, with a budget of its own; never inside a caller's transaction; never for a stale expected
 * version.
 */
@ReboundTest(beans = {Counters.CounterBus.class, Counters.RetryingCounterBus.class, Counters.PlainCounterBus.class,
        Counters.Incrementer.class, Counters.Retries.class}, tables = "rebound_test_counter")
class OptimisticLockRetryTest {

    @Inject
    Counters.CounterBus bus;
    @Inject
    Counters.RetryingCounterBus retryingBus;
    @Inject
    Counters.PlainCounterBus plainBus;
    @Inject
    Counters.Incrementer incrementer;
    @Inject
    DeadLetters deadLetters;
    @Inject
    Counters.Retries retries;

    @Test
    void a_conflict_is_retried_in_a_fresh_transaction_as_the_next_attempt() {
        Counter.create("c-2");
        incrementer.interfere(2);

        bus.send(Counters.Increment.of("c-2"));

        assertThat(incrementer.attempts()).containsExactly(new Attempt(1, false), new Attempt(2, false),
                new Attempt(3, false));
        assertThat(Counter.value("c-2")).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void optimistic_lock_retries_do_not_use_the_instant_retries_budget() {
        Counter.create("c-3");
        incrementer.interfere(3);             // all three optimistic-lock retries, and no instant retry

        try (LogRecords log = LogRecords.capture()) {
            retryingBus.send(Counters.Increment.of("c-3"));

            assertThat(log.messages("REBOUND-1050")).hasSize(3);
            assertThat(log.messages("REBOUND-1031")).isEmpty();
        }
        assertThat(Counter.value("c-3")).isEqualTo(1);
        assertThat(incrementer.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3, 4);
    }

    @Test
    void observers_hear_optimistic_lock_retries_as_their_own_kind_not_as_instant_retries() {
        Counter.create("c-30");
        retries.drain();
        incrementer.interfere(3);             // three conflicts: three optimistic-lock retries, no instant retry

        retryingBus.send(Counters.Increment.of("c-30"));

        assertThat(Counter.value("c-30")).isEqualTo(1);
        assertThat(retries.drain()).containsExactly(MessageObserver.Retry.OPTIMISTIC_LOCK,
                MessageObserver.Retry.OPTIMISTIC_LOCK, MessageObserver.Retry.OPTIMISTIC_LOCK);
    }

    @Test
    void conflicts_past_the_budget_go_to_the_error_channel_with_every_attempt_counted() {
        Counter.create("c-4");
        incrementer.interfere(Integer.MAX_VALUE);

        bus.send(Counters.Increment.of("c-4"));

        assertThat(Counter.value("c-4")).isZero();
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(4);
        assertThat(letter.failure().stackTrace()).contains(OptimisticLockException.class.getName());
    }

    @Test
    void a_gateway_joining_the_callers_transaction_does_not_retry_and_the_caller_gets_the_conflict() throws Exception {
        Counter.create("c-5");
        incrementer.interfere(1);
        incrementer.flushInHandler();
        TransactionManager tm = Jta.transactionManager();

        try (LogRecords log = LogRecords.capture()) {
            tm.begin();
            try {
                assertThatThrownBy(() -> plainBus.send(Counters.Increment.of("c-5")))
                        .isInstanceOf(OptimisticLockException.class);
            } finally {
                tm.rollback();
            }
            assertThat(log.messages("REBOUND-1050")).isEmpty();
            assertThat(log.messages("REBOUND-1053")).singleElement().asString()
                    .contains(Counters.PlainCounterBus.class.getName());
        }
        assertThat(incrementer.attempts()).containsExactly(new Attempt(1, false));
        assertThat(Counter.value("c-5")).isZero();
    }

    @Test
    void a_conflict_thrown_by_the_handler_itself_is_retried_too() {
        Counter.create("c-9");
        incrementer.interfere(1);
        incrementer.flushInHandler();

        plainBus.send(Counters.Increment.of("c-9"));

        assertThat(incrementer.attempts()).extracting(Attempt::number).containsExactly(1, 2);
        assertThat(Counter.value("c-9")).isEqualTo(1);
    }

    @Test
    void a_stale_expected_version_is_never_retried_and_goes_to_the_error_channel_at_once() {
        Counter.create("c-6");
        Counter.changeBehindTheBack("c-6");   // now at version 1

        try (LogRecords log = LogRecords.capture()) {
            retryingBus.send(new Counters.Increment("c-6", 0));

            assertThat(log.messages("REBOUND-1031")).isEmpty();
            assertThat(log.messages("REBOUND-1050")).isEmpty();
        }
        assertThat(incrementer.attempts()).hasSize(1);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(letter.failure().exceptionClass()).isEqualTo(StaleVersionException.class.getName());
        assertThat(letter.failure().exceptionMessage())
                .isEqualTo("counter c-6 is at version 1, the command expected 0");
    }

    @Test
    void a_matching_expected_version_passes() {
        Counter.create("c-7");

        plainBus.send(new Counters.Increment("c-7", 0));

        assertThat(Counter.value("c-7")).isEqualTo(1);
    }

    @Test
    void a_replay_meeting_a_conflict_is_retried_and_claims_the_dead_letter_once() {
        Counter.create("c-8");
        incrementer.interfere(Integer.MAX_VALUE);
        bus.send(Counters.Increment.of("c-8"));
        DeadLetter letter = deadLetters.list(0, 1).get(0);

        incrementer.interfere(1);
        assertThat(deadLetters.replay(letter.id())).isTrue();

        assertThat(Counter.value("c-8")).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
        assertThat(incrementer.attempts()).extracting(Attempt::number).endsWith(5, 6);
    }
}
