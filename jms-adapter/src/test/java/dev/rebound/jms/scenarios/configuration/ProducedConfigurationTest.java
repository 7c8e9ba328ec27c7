package dev.rebound.jms.scenarios.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.DeadLetters;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.Postgres;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableWeld
class ProducedConfigurationTest {

    static {
        Broker.purge("inventory");
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(AsyncDeployments.weld(Map.of(), ErrorHandling.class)).inject(this).build();

    @Inject
    CommandBus commands;
    @Inject
    ErrorHandling handling;
    @Inject
    DeadLetters deadLetters;

    @BeforeEach
    void clean() {
        Postgres.execute("DELETE FROM rebound_dead_letter");
    }

    @Test
    void consumer_error_channel_with_produced_retry_configuration_retries_then_dead_letters() {
        commands.send(new ErrorHandling.Sync("s-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        assertThat(handling.calls()).isEqualTo(3);
        assertThat(deadLetters.list(0, 1).get(0).exceptionMessage()).isEqualTo("warehouse offline");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("inventory") == 0);
    }
}
