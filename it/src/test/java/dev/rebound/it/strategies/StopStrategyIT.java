package dev.rebound.it.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.cdi.ReboundExtension;
import dev.rebound.it.support.Calls;
import dev.rebound.it.support.Fault;
import dev.rebound.it.support.Queues;
import dev.rebound.it.support.ReboundWar;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Final failure strategy STOP (the default): the message is rolled back onto its queue and the channel's
 * consumer stops; nothing is lost, and once the fault is fixed and consumers are resumed, everything is handled.
 */
@ExtendWith(ArquillianExtension.class)
class StopStrategyIT {

    @Deployment
    static WebArchive deployment() {
        return ReboundWar.named("stop").classes(Ledger.class, PostEntry.class).queue("ledger", "itStop").build();
    }

    @Inject
    Ledger ledger;
    @Inject
    Calls calls;
    @Inject
    Fault fault;
    @Inject
    Queues queues;
    @Inject
    BeanManager beanManager;

    @Test
    void failure_stops_the_consumer_keeps_the_messages_and_resuming_handles_them() {
        ReboundExtension rebound = beanManager.getExtension(ReboundExtension.class);
        fault.failAlways();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        ledger.submit(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> rebound.stoppedConsumers().containsKey("ledger"));
        ledger.submit(second);

        assertThat(rebound.stoppedConsumers().get("ledger")).contains("failed with java.lang.IllegalStateException")
                .contains("STOP").doesNotContain("ledger database is read-only");   // the text is in the log only
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> calls.count(second) == 0);
        assertThat(calls.count(first)).isEqualTo(1);
        assertThat(queues.depth("itStop")).as("both messages wait on the queue").isEqualTo(2);

        fault.off();
        rebound.pauseConsumers();
        rebound.resumeConsumers();

        await().atMost(Duration.ofSeconds(20)).until(() -> calls.count(first) == 2 && calls.count(second) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> queues.depth("itStop") == 0);
        assertThat(rebound.stoppedConsumers()).isEmpty();
    }
}
