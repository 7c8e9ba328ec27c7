package dev.rebound.jms.scenarios.resolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.EventBus;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Handler's own error channel wins over the consumer's, which wins over the global default. */
@ReboundTest(beans = {Handlers.class},
        config = {"rebound.channel.alpha.error-channel=consumerErrors", "rebound.default-error-channel=globalErrors"},
        profile = AsyncDeployments.Async.class)
class ResolutionOrderTest {

    static {
        Broker.purge("alpha");
        Broker.purge("beta");
    }

    @Inject
    EventBus events;
    @Inject
    Handlers handlers;

    @Test
    void each_failure_goes_to_the_most_specific_error_channel() {
        events.publish(new Handlers.Happened("e-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> handlers.routed().size() == 3);
        assertThat(handlers.routed()).containsExactlyInAnyOrder("handlerErrors <- own",
                "consumerErrors <- consumer", "globalErrors <- global");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("alpha") + Broker.depth("beta") == 0);
    }
}
