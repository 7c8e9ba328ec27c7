package dev.rebound.jms.scenarios.happy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Message;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Orders.class}, profile = AsyncDeployments.Async.class)
class AsynchronousHandlerTest {

    static {
        Broker.purge("orders");
    }

    @Inject
    CommandBus commands;
    @Inject
    Orders orders;

    @Test
    void command_goes_through_the_queue_and_runs_on_a_consumer_thread_with_its_headers() {
        Object result = commands.send(new Orders.PlaceOrder("o-1", 2), Map.of("tenant", "acme"));

        assertThat(result).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.handled().size() == 1);
        Message message = orders.handled().get(0);
        assertThat(message.payload()).isEqualTo(new Orders.PlaceOrder("o-1", 2));
        assertThat(message.headers().metadata()).containsEntry("tenant", "acme");
        assertThat(orders.threads()).containsExactly("rebound-orders-0");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("orders") == 0);
    }
}
