package dev.rebound.jms.scenarios.optimistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Attempt;
import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.StaleVersionException;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.scenarios.optimistic.Counter;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Optimistic-lock conflicts of asynchronous handlers, in both consumer modes. {@code local}: the consumer's own
 * transaction, so each retry runs at once in a fresh one (REBOUND-1050). {@code xa}: the handler runs in the
 * transaction that also holds the receive, which no retry can start afresh inside; it rolls back and the message
 * comes back after the short back-off as its next attempt (REBOUND-1052), within the same budget.
 */
@ReboundTest(beans = {Tallies.class}, profile = AsyncDeployments.Async.class, tables = "rebound_test_counter",
        config = {"rebound.channel.tallies.concurrent-consumers=2", "rebound.optimistic-lock.max-retries=20",
                "dev.rebound.jms.scenarios.optimistic.Tallies/strict/OptimisticLockRetry/maxRetries=0"})
class ConcurrentTalliesTest {

    static {
        Broker.purge("tallies");
        Broker.purge("strict-tallies");
    }

    @Inject
    CommandBus commands;
    @Inject
    Tallies tallies;
    @Inject
    DeadLetters deadLetters;

    private static String retryCode() {
        return AsyncDeployments.oneTransaction() ? "REBOUND-1052" : "REBOUND-1050";
    }

    @Test
    void two_consumers_incrementing_one_row_lose_no_update_and_the_conflicts_are_retried() {
        Counter.create("t-1");
        tallies.interfere(1);             // at least one conflict, whatever the consumers' timing
        int messages = 60;
        try (LogRecords log = LogRecords.capture()) {
            for (int i = 0; i < messages; i++) {
                commands.send(new Tallies.Tally("t-1", -1));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> Counter.value("t-1") == messages);
            assertThat(log.messages(retryCode())).isNotEmpty();
        }
        assertThat(tallies.attempts()).contains(new Attempt(2, false));
        assertThat(deadLetters.count()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("tallies") == 0);
        assertThat(Counter.value("t-1")).isEqualTo(messages);
    }

    @Test
    void a_stale_expected_version_goes_to_the_dead_letter_after_one_attempt_without_delayed_retries() {
        Counter.create("t-2");
        Counter.changeBehindTheBack("t-2");   // now at version 1
        try (LogRecords log = LogRecords.capture()) {
            commands.send(new Tallies.Tally("t-2", 0));

            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
            assertThat(log.messages("REBOUND-1014")).as("no delayed retry").isEmpty();
            assertThat(log.messages(retryCode())).isEmpty();
        }
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(letter.failure().exceptionClass()).isEqualTo(StaleVersionException.class.getName());
        assertThat(tallies.attempts()).hasSize(1);
        assertThat(Counter.value("t-2")).isZero();
    }

    @Test
    void a_handler_whose_own_budget_is_zero_sends_the_first_conflict_to_its_error_channel() {
        Counter.create("t-3");
        tallies.interfere(1);

        commands.send(new Tallies.StrictTally("t-3"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
        assertThat(deadLetters.list(0, 1).get(0).attempts()).isEqualTo(1);
        assertThat(tallies.attempts()).hasSize(1);
        assertThat(Counter.value("t-3")).isZero();
    }
}
