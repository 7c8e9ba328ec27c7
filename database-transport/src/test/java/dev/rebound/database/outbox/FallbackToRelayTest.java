package dev.rebound.database.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.database.testing.BrokerQueue;
import dev.rebound.database.testing.BrokerResources;
import dev.rebound.database.testing.DatabaseProfile;
import dev.rebound.database.testing.Tables;
import dev.rebound.testsupport.Artemis;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A JMS channel whose fallback is a relay to it: while the broker is down its messages are rows, relayed once the
 * broker is back; the relay's own sends, refused meanwhile, do not go into the fallback again.
 */
@ReboundTest(beans = {Shipping.class, BrokerResources.class}, tables = "rebound_message", profile = DatabaseProfile.class,
        config = {"rebound.channels=shipments-outbox",
                "rebound.channel.shipments-outbox.transport=database",
                "rebound.channel.shipments-outbox.relay-to=shipments",
                "rebound.channel.shipments.transport=jms",
                "rebound.channel.shipments.fallback=shipments-outbox",
                "rebound.channel.shipments.send-timeout-ms=500"})
class FallbackToRelayTest {

    @Inject
    CommandBus commands;

    @Inject
    Shipping shipping;

    private final String id = UUID.randomUUID().toString();

    @AfterEach
    void brokerBack() {
        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);
    }

    @Test
    void messages_diverted_while_the_broker_is_down_are_relayed_once_when_it_is_back() throws Exception {
        BrokerQueue.broker().acceptor(Artemis.IN_VM, false);

        Jta.inTransaction(() -> {
            commands.send(new Shipping.Ship(id));
            return null;
        });
        // one row, not rewritten by the relay (its created_at stays): the relay's refused sends do not divert again
        long created = Tables.count(Jta.dataSource(), "SELECT MIN(created_at) FROM rebound_message");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                assertThat(List.of(Tables.depth(Jta.dataSource(), "shipments-outbox"), shipping.shipped().size(),
                        Tables.count(Jta.dataSource(), "SELECT MIN(created_at) FROM rebound_message")))
                        .containsExactly(1L, 0, created));

        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> shipping.shipped().contains(id)
                && Tables.depth(Jta.dataSource(), "shipments-outbox") == 0);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                shipping.shipped().size() == 1);
    }
}
