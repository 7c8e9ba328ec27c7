package dev.rebound.jms.scenarios.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Postgres;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Shipping.class}, config = "rebound.jms.shutdown-timeout-ms=300",
        profile = AsyncDeployments.Async.class)
class CrashRecoveryTest {

    static {
        Broker.purge("shipping");
        Broker.purge("labels");
    }

    @Inject
    Consumers consumers;

    @Inject
    CommandBus commands;
    @Inject
    Shipping shipping;
    @Inject
    DeadLetters deadLetters;

    @Test
    void message_of_a_consumer_killed_mid_handler_is_redelivered_and_handled_after_restart() throws Exception {
        commands.send(new Shipping.Ship("s-1"));
        assertThat(shipping.awaitEntered()).isTrue();

        consumers.pauseAll();          // the session is closed without commit while the handler runs
        assertThat(Broker.depth("shipping")).isEqualTo(1);
        shipping.release();
        consumers.resumeAll();

        await().atMost(Duration.ofSeconds(10)).until(() -> shipping.shipped() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("shipping") == 0);
        assertThat(deadLetters.count()).isZero();
    }

    /**
     * While the store is down, a copy that only routes the failure circles with a growing delay: the handler does
     * not run again (its retry budget would no longer apply), and the failure lands once the database is back.
     */
    @Test
    void failure_that_cannot_be_stored_stays_on_the_broker_without_running_its_handler_again_and_lands_once_back() {
        Postgres.execute("ALTER TABLE rebound_dead_letter RENAME TO rebound_dead_letter_away");
        try {
            commands.send(new Shipping.Label("l-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> shipping.labelCalls() == 1);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> shipping.labelCalls() == 1 && Broker.depth("labels") == 1);
        } finally {
            Postgres.execute("ALTER TABLE rebound_dead_letter_away RENAME TO rebound_dead_letter");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("labels") == 0);
        assertThat(deadLetters.count()).isEqualTo(1);
        assertThat(shipping.labelCalls()).isEqualTo(1);
        var letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionMessage()).isEqualTo("printer jammed");
        assertThat(letter.handler()).isEqualTo(Shipping.class.getName() + "#label");
        assertThat(letter.attempts()).isEqualTo(1);
    }
}
