package dev.rebound.database.outbox.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.dashboard.DashboardSettings;
import dev.rebound.dashboard.health.LagLimits;
import dev.rebound.dashboard.health.ReboundReadiness;
import dev.rebound.database.outbox.Shipping;
import dev.rebound.database.testing.BrokerQueue;
import dev.rebound.database.testing.BrokerResources;
import dev.rebound.database.testing.DatabaseProfile;
import dev.rebound.database.testing.Tables;
import dev.rebound.testsupport.Artemis;
import dev.rebound.testsupport.Jta;
import jakarta.inject.Inject;
import dev.rebound.testsupport.ReboundTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A relay whose broker is stopped backs off and its rows wait: the age of the oldest grows past the channel's
 * {@code max-lag-ms} and readiness goes down, naming the channel, its depth and its lag; once the broker is back
 * the relay drains the table and readiness is up again. The readiness bean is the one the deployment made, with the
 * limits read from the configuration.
 */
@ReboundTest(beans = {Shipping.class, BrokerResources.class}, tables = "rebound_message", profile = DatabaseProfile.class,
        config = {"rebound.channels=shipments-outbox",
                "rebound.channel.shipments-outbox.transport=database",
                "rebound.channel.shipments-outbox.relay-to=shipments",
                "rebound.channel.shipments-outbox.max-lag-ms=1500",
                "rebound.channel.shipments.transport=jms",
                "rebound.channel.shipments.outbox=shipments-outbox",
                "rebound.channel.shipments.send-timeout-ms=500",
                "rebound.database.backlog-refresh-ms=200",
                "rebound.health.reconnect-grace-ms=600000"})
class RelayLagReadinessTest {

    private static final String OUTBOX = "shipments-outbox";

    @Inject
    CommandBus commands;

    @Inject
    Shipping shipping;

    @Inject
    @Readiness
    ReboundReadiness readiness;

    @Inject
    Consumers consumers;

    @AfterEach
    void brokerBack() {
        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);
    }

    private Map<String, Object> data() {
        return readiness.call().getData().orElseThrow();
    }

    @Test
    void readiness_goes_down_while_a_relay_cannot_keep_up_and_up_when_it_has_caught_up() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                readiness.call().getStatus() == HealthCheckResponse.Status.UP);
        assertThat(data()).containsEntry("backlog." + OUTBOX, "keeping up")
                .containsEntry("backlog." + OUTBOX + ".max-lag-ms", 1500L);

        BrokerQueue.broker().acceptor(Artemis.IN_VM, false);
        String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString()};
        for (String id : ids) {
            Jta.inTransaction(() -> {
                commands.send(new Shipping.Ship(id));
                return null;
            });
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HealthCheckResponse response = readiness.call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow())
                    .containsEntry("backlog." + OUTBOX + ".depth", 2L)
                    .hasEntrySatisfying("backlog." + OUTBOX + ".lag-ms", lag -> assertThat((Long) lag).isGreaterThan(1500))
                    .hasEntrySatisfying("backlog." + OUTBOX, text -> assertThat((String) text).startsWith(
                            "behind: the oldest due message has waited ").endsWith(
                            " ms, more than rebound.channel.shipments-outbox.max-lag-ms=1500"));
        });
        assertThat(shipping.shipped()).isEmpty();
        assertThat(consumers.backlog()).singleElement().satisfies(b -> assertThat(b.depth()).isEqualTo(2));

        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);

        await().atMost(Duration.ofSeconds(90)).until(() -> shipping.shipped().containsAll(java.util.List.of(ids))
                && Tables.depth(Jta.dataSource(), OUTBOX) == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HealthCheckResponse response = readiness.call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData().orElseThrow()).containsEntry("backlog." + OUTBOX, "keeping up")
                    .containsEntry("backlog." + OUTBOX + ".depth", 0L)
                    .containsEntry("backlog." + OUTBOX + ".lag-ms", 0L);
        });
        assertThat(shipping.shipped()).hasSize(2);
    }
}
