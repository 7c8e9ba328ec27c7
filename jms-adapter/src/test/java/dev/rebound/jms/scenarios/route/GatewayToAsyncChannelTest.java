package dev.rebound.jms.scenarios.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {Billing.RetryingBus.class, Billing.InvoiceHandler.class}, config = "rebound.channels=retries",
        profile = AsyncDeployments.Async.class)
class GatewayToAsyncChannelTest {

    static {
        Broker.purge("retries");
    }

    @Inject
    Billing.RetryingBus bus;
    @Inject
    Billing.InvoiceHandler handler;

    @Test
    void failed_synchronous_command_is_handled_again_from_the_asynchronous_error_channel() {
        assertThat((Object) bus.send(new Billing.Invoice("i-1"))).isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.threads().size() == 2);
        assertThat(handler.threads().get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(handler.threads().get(1)).isEqualTo("rebound-retries-0");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth("retries") == 0);
    }
}
