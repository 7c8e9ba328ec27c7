package dev.rebound.jms.scenarios.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.jms.scenarios.happy.Orders;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Orders.class}, profile = AsyncDeployments.Async.class)
class ConsumerLifecycleTest {

    static {
        Broker.purge("orders");
    }

    @Inject
    Consumers consumers;

    @Inject
    CommandBus commands;
    @Inject
    Orders orders;

    /** Resuming running consumers must not start a second set that pausing would then miss. */
    @Test
    void resuming_running_consumers_leaves_them_alone_and_pausing_stops_them_all() {
        consumers.resumeAll();
        consumers.resumeAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.consumers("orders") == 1);

        consumers.pauseAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> Broker.consumers("orders") == 0);
        commands.send(new Orders.PlaceOrder("o-1", 1));
        assertThat(Broker.depth("orders")).isEqualTo(1);
        assertThat(orders.handled()).isEmpty();

        consumers.resumeAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.handled().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("orders") == 0);
    }
}
