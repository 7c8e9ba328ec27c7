package dev.rebound.jms.scenarios.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import dev.rebound.testing.Deployments;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

class QueueBindingTest {

    @Test
    void channel_uses_the_queue_of_a_cdi_bean_named_like_it() {
        Broker.purge(InvoiceQueue.PHYSICAL);
        try (WeldContainer container = AsyncDeployments.weld(Map.of(), Invoicing.class, InvoiceQueue.class)
                .initialize()) {
            Consumers consumers = container.select(Consumers.class).get();
            consumers.pauseAll();
            container.select(CommandBus.class).get().send(new Invoicing.Issue("2026-0001"));
            assertThat(Broker.depth(InvoiceQueue.PHYSICAL)).isEqualTo(1);

            consumers.resumeAll();
            Invoicing invoicing = container.select(Invoicing.class).get();
            await().atMost(Duration.ofSeconds(10)).until(() -> invoicing.issued() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> Broker.depth(InvoiceQueue.PHYSICAL) == 0);
        }
    }

    @Test
    void queue_configured_by_a_jndi_name_that_is_not_bound_fails_the_start() {
        String messages = Deployments.messages(Deployments.failureOf(() -> AsyncDeployments.weld(
                Map.of("rebound.channel.invoices.queue", "jms/InvoicesQueue"), Invoicing.class)));

        assertThat(messages).contains("REBOUND-3017", "channel invoices", "jms/InvoicesQueue");
    }
}
