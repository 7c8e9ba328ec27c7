package dev.rebound.database.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.database.testing.BrokerResources;
import dev.rebound.database.testing.DatabaseDeployments;
import dev.rebound.testing.Deployments;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An outbox that is not a database channel relaying to its channel fails the deployment, with the reason. */
class OutboxDeploymentTest {

    private static String failure(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("rebound.channels", "shipments-outbox",
                "rebound.channel.shipments-outbox.transport", "database",
                "rebound.channel.shipments-outbox.relay-to", "shipments",
                "rebound.channel.shipments.transport", "jms",
                "rebound.channel.shipments.outbox", "shipments-outbox"));
        config.putAll(extra);
        return Deployments.messages(Deployments.failureOf(() -> DatabaseDeployments.weld(false, config,
                Shipping.class, BrokerResources.class)));
    }

    @Test
    void an_outbox_on_another_transport_than_the_database_fails_the_deployment() {
        assertThat(failure(Map.of("rebound.channel.shipments-outbox.transport", "jms"))).contains(
                "REBOUND-2171: rebound.channel.shipments.outbox=shipments-outbox",
                "carried by transport jms");
    }

    @Test
    void an_outbox_that_does_not_relay_to_its_channel_fails_the_deployment() {
        assertThat(failure(Map.of("rebound.channel.shipments-outbox.relay-to", "elsewhere"))).contains(
                "REBOUND-2172: rebound.channel.shipments.outbox=shipments-outbox, but "
                        + "rebound.channel.shipments-outbox.relay-to=elsewhere");
    }

    @Test
    void an_outbox_with_an_outbox_of_its_own_is_a_cycle_and_fails_the_deployment() {
        assertThat(failure(Map.of("rebound.channel.shipments-outbox.outbox", "shipments"))).contains(
                "REBOUND-2173: rebound.channel.shipments.outbox=shipments-outbox makes a cycle");
    }
}
