package dev.rebound.jms.scenarios.configuration;

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

@ReboundTest(beans = {ErrorHandling.class}, profile = AsyncDeployments.Async.class)
class ProducedConfigurationTest {

    static {
        Broker.purge("inventory");
    }

    @Inject
    CommandBus commands;
    @Inject
    ErrorHandling handling;
    @Inject
    DeadLetters deadLetters;

    @Test
    void consumer_error_channel_with_produced_retry_configuration_retries_then_dead_letters() {
        commands.send(new ErrorHandling.Sync("s-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        assertThat(handling.calls()).isEqualTo(3);
        assertThat(deadLetters.list(0, 1).get(0).failure().exceptionMessage()).isEqualTo("warehouse offline");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("inventory") == 0);
    }
}
