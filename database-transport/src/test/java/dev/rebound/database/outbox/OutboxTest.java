package dev.rebound.database.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The combined channel "database, then broker": channel {@code shipments} is a JMS queue whose senders write to the
 * database channel {@code shipments-outbox} in their transaction, relayed to the queue after the commit.
 */
@ReboundTest(beans = {Shipping.class, BrokerResources.class}, tables = "rebound_message", profile = DatabaseProfile.class,
        config = {"rebound.channels=shipments-outbox",
                "rebound.channel.shipments-outbox.transport=database",
                "rebound.channel.shipments-outbox.relay-to=shipments",
                "rebound.channel.shipments.transport=jms",
                "rebound.channel.shipments.outbox=shipments-outbox"})
class OutboxTest {

    private static final String OUTBOX = "shipments-outbox";

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
    void a_send_in_the_callers_transaction_is_a_row_at_commit_and_is_handled_once_from_the_queue() throws Exception {
        Jta.inTransaction(() -> {
            commands.send(new Shipping.Ship(id));
            assertThat(Tables.depth(Jta.dataSource(), OUTBOX)).isEqualTo(1);   // a row, not a message
            assertThat(BrokerQueue.broker().depth("shipments")).isZero();
            return null;
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> shipping.shipped().contains(id)
                && Tables.depth(Jta.dataSource(), OUTBOX) == 0);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                shipping.shipped().size() == 1);
    }

    @Test
    void a_send_in_a_transaction_that_rolls_back_leaves_no_row_and_is_never_handled() {
        assertThatThrownBy(() -> Jta.inTransaction(() -> {
            commands.send(new Shipping.Ship(id));
            throw new IllegalStateException("the business transaction fails");
        })).hasMessage("the business transaction fails");

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                Tables.depth(Jta.dataSource(), OUTBOX) == 0 && shipping.shipped().isEmpty());
    }

    @Test
    void while_the_broker_is_down_the_command_succeeds_and_is_delivered_once_after_it_returns() throws Exception {
        BrokerQueue.broker().acceptor(Artemis.IN_VM, false);

        Jta.inTransaction(() -> {
            commands.send(new Shipping.Ship(id));
            return null;
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                Tables.depth(Jta.dataSource(), OUTBOX) == 1 && shipping.shipped().isEmpty());

        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> shipping.shipped().contains(id)
                && Tables.depth(Jta.dataSource(), OUTBOX) == 0);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                shipping.shipped().size() == 1);
    }
}
