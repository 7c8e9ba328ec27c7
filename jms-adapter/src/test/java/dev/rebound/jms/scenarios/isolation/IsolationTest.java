package dev.rebound.jms.scenarios.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.EventBus;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Projections.class}, profile = AsyncDeployments.Async.class)
class IsolationTest {

    static {
        Broker.purge("projections");
    }

    @Inject
    EventBus events;
    @Inject
    Projections projections;

    @Test
    void retrying_one_event_handler_does_not_run_the_others_again() {
        events.publish(new Projections.OrderPlaced("o-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> projections.flakyCalls() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("projections") == 0);
        assertThat(projections.stableCalls()).isEqualTo(1);
    }
}
