package dev.rebound.jms.scenarios.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deduplicated asynchronous handler with two consumers, in both consumer modes of the build (the default, xa:
 * receive, handler and acknowledgement in one JTA transaction; local: the handler's own JTA transaction, committed
 * before the acknowledgement): 1,000 copies sent at once have one business effect; a delayed retry and a replay
 * of the dead letter run the handler after a failure (the failure recorded no key); a copy after a success never.
 */
@ReboundTest(beans = {Webhooks.class}, profile = AsyncDeployments.Async.class, tables = {"orders"},
        config = {"rebound.channel.webhooks.concurrent-consumers=2"})
class DeduplicatedConsumerTest {

    static {
        Broker.purge("webhooks");
    }

    @Inject
    CommandBus commands;
    @Inject
    Webhooks webhooks;
    @Inject
    DeadLetters deadLetters;

    private static long effects(String payment) {
        return Postgres.count("SELECT count(*) FROM orders WHERE product = '" + payment + "'");
    }

    private void send(String payment) {
        commands.send(new Webhooks.Paid(payment), Map.of("paymentId", payment));
    }

    @Test
    void a_thousand_copies_sent_at_once_to_two_consumers_have_one_effect() throws Exception {
        Copies.sendAtOnceAndAwaitDuplicates(1_000, () -> send("pay-1"));
        assertThat(effects("pay-1")).isEqualTo(1);
        assertThat(webhooks.runs()).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.depth("webhooks") == 0);
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dedup")).isEqualTo(1);
    }

    @Test
    void a_delayed_retry_after_a_failure_runs_the_handler_and_a_later_copy_does_not() {
        webhooks.failNext(1);
        send("pay-2");

        await().atMost(Duration.ofSeconds(20)).until(() -> effects("pay-2") == 1);
        assertThat(webhooks.runs()).isEqualTo(2);

        try (LogRecords log = LogRecords.capture()) {
            send("pay-2");
            await().atMost(Duration.ofSeconds(20)).until(() -> log.messages("REBOUND-1070").size() == 1);
        }
        assertThat(webhooks.runs()).isEqualTo(2);
        assertThat(effects("pay-2")).isEqualTo(1);
    }

    @Test
    void a_replay_of_the_dead_letter_runs_the_handler() {
        webhooks.failNext(3);   // the first attempt and both delayed retries
        send("pay-3");
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
        assertThat(effects("pay-3")).isZero();
        assertThat(Postgres.count("SELECT count(*) FROM rebound_dedup")).isZero();

        assertThat(deadLetters.replay(deadLetters.list(0, 1).get(0).id())).isTrue();

        assertThat(effects("pay-3")).isEqualTo(1);
        assertThat(webhooks.runs()).isEqualTo(4);
        send("pay-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.depth("webhooks") == 0);
        assertThat(webhooks.runs()).isEqualTo(4);
    }
}
