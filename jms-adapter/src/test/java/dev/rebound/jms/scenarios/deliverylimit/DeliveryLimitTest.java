package dev.rebound.jms.scenarios.deliverylimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rebound, not the broker, decides a message's fate: a message whose unit keeps rolling back (here the final
 * failure strategy RELEASE; a crash each time does the same) is stored as a dead letter when the broker delivers it
 * {@code rebound.jms.max-deliveries} times, without running its handler again; the broker's {@code DLQ} (after its
 * own 5 deliveries) never gets it.
 */
@ReboundTest(beans = {Imports.class},
        config = {"rebound.jms.max-deliveries=3", "rebound.channel.imports.final-failure-strategy=RELEASE"},
        profile = AsyncDeployments.Async.class)
class DeliveryLimitTest {

    static {
        Broker.purge("imports");
    }

    @Inject
    CommandBus commands;
    @Inject
    Imports imports;
    @Inject
    DeadLetters deadLetters;

    @Test
    void message_delivered_max_deliveries_times_is_dead_lettered_with_the_count_and_its_last_failure() {
        long brokersDlq = Broker.depth("DLQ");
        commands.send(new Imports.Import("a.csv"));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.list(0, 1).get(0);
        assertThat(letter.failure().exceptionMessage()).contains("REBOUND-3019", "delivered 3 times",
                "rebound.jms.max-deliveries=3", "disk full while loading a.csv");
        assertThat(letter.handler()).isEqualTo(Imports.class.getName() + "#load");
        assertThat(imports.calls()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("imports") == 0);
        assertThat(Broker.depth("DLQ")).isEqualTo(brokersDlq);
    }
}
