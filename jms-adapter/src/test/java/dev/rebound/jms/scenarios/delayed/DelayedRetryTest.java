package dev.rebound.jms.scenarios.delayed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Payments.class}, profile = AsyncDeployments.Async.class)
class DelayedRetryTest {

    static {
        Broker.purge("payments");
    }

    @Inject
    Consumers consumers;

    @Inject
    CommandBus commands;
    @Inject
    Payments payments;
    @Inject
    DeadLetters deadLetters;

    private static long millisBetween(List<Long> nanos, int from, int to) {
        return (nanos.get(to) - nanos.get(from)) / 1_000_000;
    }

    @Test
    void retries_are_delayed_by_the_back_off_then_the_message_is_dead_lettered() {
        commands.send(new Payments.Charge("p-1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
        List<Long> attempts = payments.attempts();
        assertThat(attempts).hasSize(3);
        assertThat(millisBetween(attempts, 0, 1)).isGreaterThanOrEqualTo(400);
        assertThat(millisBetween(attempts, 1, 2)).isGreaterThanOrEqualTo(800);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.failure().exceptionMessage()).isEqualTo("provider down for p-1");
        assertThat(letter.handler()).isEqualTo(Payments.class.getName() + "#charge");
        assertThat(letter.channel()).isEqualTo("payments");
        assertThat(letter.failure().site()).isEqualTo(Payments.class.getName() + ".charge");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("payments") == 0);
    }

    @Test
    void message_that_recovers_on_a_retry_is_handled_and_not_dead_lettered() {
        payments.failTimes(1);
        commands.send(new Payments.Charge("p-2"));

        await().atMost(Duration.ofSeconds(10)).until(() -> payments.attempts().size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("payments") == 0);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void attempt_count_survives_a_consumer_restart() {
        commands.send(new Payments.Charge("p-3"));
        await().atMost(Duration.ofSeconds(10)).until(() -> payments.attempts().size() == 1);

        consumers.pauseAll();
        consumers.resumeAll();

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
        assertThat(payments.attempts()).hasSize(3);
        assertThat(deadLetters.list(0, 1).get(0).attempts()).isEqualTo(3);
    }
}
