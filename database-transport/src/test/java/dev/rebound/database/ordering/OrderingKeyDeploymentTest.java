package dev.rebound.database.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.database.testing.BrokerResources;
import dev.rebound.database.testing.DatabaseDeployments;
import dev.rebound.testing.Deployments;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A misconfigured ordering key fails the deployment, naming the property, the value and what is expected. */
class OrderingKeyDeploymentTest {

    private static String failure(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("rebound.channels", "orders-outbox",
                "rebound.channel.orders-outbox.transport", "database",
                "rebound.channel.orders.transport", "jms",
                "rebound.channel.lines.transport", "jms"));
        config.putAll(extra);
        return Deployments.messages(Deployments.failureOf(() -> DatabaseDeployments.weld(false, config,
                Orders.class, BrokerResources.class)));
    }

    @Test
    void a_property_the_payload_type_lacks_fails_the_deployment() {
        assertThat(failure(Map.of("rebound.channel.orders.ordering-key", "payload:customerId"))).contains(
                "REBOUND-2182: rebound.channel.orders.ordering-key=payload:customerId, but the payload type "
                        + Orders.Ship.class.getName() + " of the channel has no property customerId");
    }

    @Test
    void a_key_that_is_neither_a_header_nor_a_payload_property_fails_the_deployment() {
        assertThat(failure(Map.of("rebound.channel.lines.ordering-key", "orderId"))).contains(
                "REBOUND-2180: rebound.channel.lines.ordering-key=orderId is not valid: header:<name>");
    }

    @Test
    void a_payload_key_on_a_channel_no_handler_consumes_fails_the_deployment() {
        assertThat(failure(Map.of("rebound.channel.orders-outbox.ordering-key", "payload:orderId"))).contains(
                "REBOUND-2181: rebound.channel.orders-outbox.ordering-key=payload:orderId, but no handler consumes "
                        + "channel 'orders-outbox'");
    }
}
