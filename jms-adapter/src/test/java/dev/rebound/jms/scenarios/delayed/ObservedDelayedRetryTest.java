package dev.rebound.jms.scenarios.delayed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Observers hear asynchronous handling, delayed retries and the dead letter, with the channel. */
@ReboundTest(beans = {Payments.class, ObservedRetries.class}, profile = AsyncDeployments.Async.class)
class ObservedDelayedRetryTest {

    static {
        Broker.purge("payments");
    }

    @Inject
    CommandBus commands;
    @Inject
    ObservedRetries observer;
    @Inject
    DeadLetters deadLetters;

    @Test
    void delayed_retries_and_the_dead_letter_are_reported_with_their_channel() {
        commands.send(new Payments.Charge("p-observed"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.count() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.events().size() == 6);
        assertThat(observer.events()).containsExactly(
                "failed payments", "retried payments DELAYED",
                "failed payments", "retried payments DELAYED",
                "failed payments", "deadLettered payments " + Payments.class.getName() + "#charge");
    }
}
