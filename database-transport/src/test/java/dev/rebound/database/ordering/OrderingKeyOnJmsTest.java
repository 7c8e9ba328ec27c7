package dev.rebound.database.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.database.testing.BrokerQueue;
import dev.rebound.database.testing.BrokerResources;
import dev.rebound.database.testing.DatabaseProfile;
import dev.rebound.database.testing.Tables;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rebound.channel.<c>.ordering-key=payload:orderId} on JMS channels: the key, read from the payload by the
 * accessor resolved at deployment, is the outbox row's {@code ordering_key} and the Artemis message's
 * {@code JMSXGroupID}, on the relay's sends and on direct sends alike.
 */
@ReboundTest(beans = {Orders.class, BrokerResources.class}, tables = "rebound_message", profile = DatabaseProfile.class,
        config = {"rebound.channels=orders-outbox",
                "rebound.channel.orders-outbox.transport=database",
                "rebound.channel.orders-outbox.relay-to=orders",
                "rebound.channel.orders.transport=jms",
                "rebound.channel.orders.outbox=orders-outbox",
                "rebound.channel.orders.ordering-key=payload:orderId",
                "rebound.channel.lines.transport=jms",
                "rebound.channel.lines.ordering-key=payload:orderId"})
class OrderingKeyOnJmsTest {

    @Inject
    CommandBus commands;

    @Inject
    Consumers consumers;

    @Inject
    Orders orders;

    private final String order = "order-" + UUID.randomUUID();

    @AfterEach
    void consumeAgain() {
        consumers.resumeAll();
    }

    /** The JMSXGroupID of every message waiting on the queue, in the queue's order (a browse takes none off). */
    private static List<String> groups(String queue) throws Exception {
        List<String> groups = new ArrayList<>();
        try (JMSContext context = BrokerQueue.broker().connectionFactory().createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            Enumeration<?> waiting = browser.getEnumeration();
            while (waiting.hasMoreElements()) {
                groups.add(((Message) waiting.nextElement()).getStringProperty("JMSXGroupID"));
            }
        }
        return groups;
    }

    @Test
    void the_payloads_key_is_the_outbox_rows_ordering_key_and_the_relayed_messages_group() throws Exception {
        consumers.pause("orders");
        List<String> keys = Jta.inTransaction(() -> {
            for (int seq = 0; seq < 3; seq++) {
                commands.send(new Orders.Ship(order, seq));
            }
            List<String> written = new ArrayList<>();
            try (Connection c = Jta.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT ordering_key FROM rebound_message "
                         + "WHERE channel = 'orders-outbox' ORDER BY seq")) {
                while (r.next()) {
                    written.add(r.getString(1));
                }
            }
            return written;
        });
        assertThat(keys).containsExactly(order, order, order);

        await().atMost(Duration.ofSeconds(10)).until(() -> Tables.depth(Jta.dataSource(), "orders-outbox") == 0
                && BrokerQueue.broker().depth("orders") == 3);
        assertThat(groups("orders")).containsExactly(order, order, order);

        consumers.resume("orders");
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.shipped().size() == 3);
        assertThat(orders.shipped()).containsExactly(new Orders.Ship(order, 0), new Orders.Ship(order, 1),
                new Orders.Ship(order, 2));
    }

    @Test
    void a_direct_send_to_an_ordered_jms_channel_has_the_key_as_its_group() throws Exception {
        consumers.pause("lines");
        commands.send(new Orders.AddLine(order, 0));
        commands.send(new Orders.AddLine(order + "-other", 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> BrokerQueue.broker().depth("lines") == 2);
        assertThat(groups("lines")).containsExactly(order, order + "-other");
        consumers.resume("lines");
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.lines().size() == 2);
    }
}
