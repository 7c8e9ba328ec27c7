package dev.rebound.jms.scenarios.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.EventBus;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

@EnableWeld
class IsolationTest {

    static {
        Broker.purge("projections");
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(AsyncDeployments.weld(Map.of(), Projections.class)).inject(this).build();

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
