package dev.rebound.jms.scenarios.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.Consumers;
import dev.rebound.spi.TransportHealth;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JMS transport says itself whether its broker answers, by opening and closing a connection with the
 * consumers' connection factory: published by exception type and code, the exception's text only in the log.
 */
@ReboundTest(beans = Pulse.class, config = "rebound.jms.health-timeout-ms=3000", profile = AsyncDeployments.Async.class)
class BrokerHealthTest {

    @Inject
    Consumers consumers;

    @AfterEach
    void reopen() {
        Broker.reopen();
    }

    private TransportHealth health() {
        return consumers.health();
    }

    @Test
    void up_while_the_broker_accepts_connections_down_by_type_and_code_while_it_does_not() {
        // the first connection of the run starts the embedded broker, which can outlast one check under load
        await().atMost(Duration.ofSeconds(30)).until(() -> health().up());

        try (LogRecords log = LogRecords.of("dev.rebound.jms.BrokerHealth")) {
            Broker.cutOff();
            long start = System.nanoTime();
            TransportHealth down = health();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(down.up()).isFalse();
            assertThat(down.detail()).matches("[\\w.$]+ \\(REBOUND-305[01]\\)");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(log.messages(java.util.logging.Level.WARNING)).anySatisfy(line -> assertThat(line).startsWith("REBOUND-305"));
        }

        Broker.reopen();
        assertThat(health()).isEqualTo(TransportHealth.UP);
    }
}
