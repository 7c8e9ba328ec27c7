package dev.rebound.inmemory.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.testing.Deployments;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory transport cannot keep per-key order (it lacks {@code ORDERED_BY_KEY}): an ordering key on one of its
 * channels fails the deployment instead of being silently ignored.
 */
class UnorderedTransportTest {

    @Test
    void an_ordering_key_on_a_transport_that_cannot_keep_order_fails_the_deployment() {
        String failure = Deployments.messages(Deployments.failure(
                Map.of("rebound.channel.lines.ordering-key", "header:orderId"), Lines.class));
        assertThat(failure).contains("REBOUND-2183: Channel 'lines' keeps per-key order "
                + "(rebound.channel.lines.ordering-key), but its transport 'in-memory' cannot (it lacks ORDERED_BY_KEY)");
    }

    @Test
    void the_same_channel_without_an_ordering_key_deploys() {
        Deployments.start(Lines.class).close();
    }
}
