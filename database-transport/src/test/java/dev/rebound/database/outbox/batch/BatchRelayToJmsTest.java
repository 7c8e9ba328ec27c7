package dev.rebound.database.outbox.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.nodes.Shipment;
import dev.rebound.database.testing.BrokerQueue;
import dev.rebound.database.testing.Derby;
import dev.rebound.database.testing.RecordingInbound;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.jms.JmsTransportFactory;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import jakarta.jms.JMSContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A relay to a real JMS channel (the JMS transport on an embedded Artemis): each batch of rows is one
 * {@code enqueueAll}, one transacted session ({@code local}) or one XA branch of the relay's transaction ({@code xa}),
 * and its rows are deleted in one statement. A broker that refuses a message in the middle of a batch leaves the
 * whole batch on the table; a relay whose database commit fails after the send sends nothing in {@code xa} (exactly
 * once) and the batch again in {@code local} (at least once).
 */
class BatchRelayToJmsTest {

    private static final String OUTBOX = "outbox";
    private static final String TARGET = "batched";
    private final List<Transport> transports = new ArrayList<>();
    private final List<ActiveMQServerMessagePlugin> plugins = new ArrayList<>();

    @AfterEach
    void stop() {
        transports.forEach(Transport::stop);
        plugins.forEach(plugin -> BrokerQueue.broker().server().unRegisterBrokerPlugin(plugin));
        BrokerQueue.broker().purge(TARGET);
        Tables.execute(Jta.dataSource(), "DROP TRIGGER IF EXISTS fail_relay_commit ON rebound_message");
    }

    private static DataSource dataSource(String database) {
        DataSource dataSource = database.equals("derby") ? Derby.dataSource() : Jta.dataSource();
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        BrokerQueue.broker().purge(TARGET);
        return dataSource;
    }

    /** A database channel relaying to a JMS channel of a JMS transport in mode {@code mode}. */
    private Transport relay(DataSource dataSource, String mode, Map<String, String> extra) {
        Map<String, String> jmsConfig = Map.of("rebound.jms.transactions", mode,
                "rebound.channel." + TARGET + ".send-retries", "0");
        Transport jms = new JmsTransportFactory().create(TestContext.jms(jmsConfig, dataSource,
                BrokerQueue.broker().connectionFactory()));
        QueueChannel target = jms.channel(TARGET);
        Map<String, String> config = new HashMap<>(Map.of("rebound.database.poll-interval-ms", "200",
                "rebound.database.failure-pause-ms", "100", "rebound.database.lease-ms", "3000",
                "rebound.database.shutdown-timeout-ms", "5000", "rebound.channel." + OUTBOX + ".relay-to", TARGET));
        config.putAll(extra);
        Transport database = new DatabaseTransportFactory().create(new TestContext(config, dataSource,
                Map.of(TARGET, target)));
        database.channel(OUTBOX);
        transports.add(database);
        return database;
    }

    /** Writes {@code count} rows; every third has ordering key {@code k<i % 5>}. */
    private static Set<String> write(Transport node, int count) {
        QueueChannel outbox = node.channel(OUTBOX);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> metadata = i % 3 == 0 ? Map.of(Envelope.ORDERING_KEY, "k" + (i % 5)) : Map.of();
            Envelope envelope = new Envelope(new Message(new Shipment("b-" + i),
                    MessageHeaders.first(Instant.now(), null, metadata)), null, "COMMAND", 1, "test");
            ids.add(envelope.message().headers().messageId().toString());
            outbox.enqueue(envelope, 0);
        }
        return ids;
    }

    /** Takes every message off the target queue: Rebound message id → how often, and the ids that had a group. */
    private static Map<String, Integer> received(Map<String, String> groups) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        try (JMSContext context = BrokerQueue.broker().connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var consumer = context.createConsumer(context.createQueue(TARGET));
            jakarta.jms.Message m;
            while ((m = consumer.receive(500)) != null) {
                String id = m.getStringProperty("rebound_messageId");
                seen.merge(id, 1, Integer::sum);
                if (m.getStringProperty("JMSXGroupID") != null) {
                    groups.put(id, m.getStringProperty("JMSXGroupID"));
                }
            }
        }
        return seen;
    }

    @ParameterizedTest
    @CsvSource({"postgresql, xa", "postgresql, local", "derby, xa", "derby, local"})
    void a_backlog_is_relayed_in_batches_once_with_its_groups_and_the_table_is_left_empty(String database, String mode)
            throws Exception {
        DataSource dataSource = dataSource(database);
        Transport node = relay(dataSource, mode, Map.of("rebound.database.relay-batch", "100"));
        Set<String> ids = write(node, 1000);

        node.start(new RecordingInbound("one", dataSource, 1, 0));
        await().atMost(Duration.ofSeconds(120)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);

        Map<String, String> groups = new HashMap<>();
        Map<String, Integer> received = received(groups);
        assertThat(received.keySet()).isEqualTo(ids);
        assertThat(received.values()).containsOnly(1);
        assertThat(groups).hasSize(334).allSatisfy((id, group) -> assertThat(group).matches("k[0-4]"));
    }

    /**
     * The relay hands the rows' bodies to the JMS channel as they are ({@code QueueChannel.enqueueAllWritten}): the
     * payload is read (an unreadable row would be a dead letter) but not written again. A body that the codec would
     * write differently (spaces, a field it does not know) arrives byte for byte as the row has it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xa", "local"})
    void the_relay_sends_each_rows_body_as_it_is_without_writing_the_payload_again(String mode) throws Exception {
        DataSource dataSource = dataSource("postgresql");
        Transport node = relay(dataSource, mode, Map.of());
        Set<String> ids = write(node, 3);
        String raw = "{ \"id\" : \"as-written\", \"note\": \"not a field of Shipment\" }";
        Tables.execute(dataSource, "UPDATE rebound_message SET body = '" + raw + "' WHERE channel = '" + OUTBOX + "'");

        node.start(new RecordingInbound("one", dataSource, 1, 0));
        await().atMost(Duration.ofSeconds(60)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);

        Map<String, String> bodies = new HashMap<>();
        try (JMSContext context = BrokerQueue.broker().connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var consumer = context.createConsumer(context.createQueue(TARGET));
            jakarta.jms.Message m;
            while ((m = consumer.receive(500)) != null) {
                bodies.put(m.getStringProperty("rebound_messageId"), m.getBody(String.class));
                assertThat(m.getStringProperty("rebound_payloadType")).isEqualTo(Shipment.class.getName());
            }
        }
        assertThat(bodies.keySet()).isEqualTo(ids);
        assertThat(bodies.values()).containsOnly(raw);
    }

    /** Refuses the {@code nth} message sent to the target, once: its transaction can only roll back. */
    private AtomicInteger refuseOnce(int nth) {
        AtomicInteger sends = new AtomicInteger();
        ActiveMQServerMessagePlugin plugin = new ActiveMQServerMessagePlugin() {
            @Override
            public void beforeSend(ServerSession session, Transaction tx, org.apache.activemq.artemis.api.core.Message
                    message, boolean direct, boolean noAutoCreateQueue) throws ActiveMQException {
                if (TARGET.equals(message.getAddress()) && sends.incrementAndGet() == nth) {
                    ActiveMQException refused = new ActiveMQException(ActiveMQExceptionType.ADDRESS_FULL,
                            "TEST: the broker refuses message " + nth);
                    if (tx != null) {
                        tx.markAsRollbackOnly(refused);
                    }
                    throw refused;
                }
            }
        };
        BrokerQueue.broker().server().registerBrokerPlugin(plugin);
        plugins.add(plugin);
        return sends;
    }

    @ParameterizedTest
    @CsvSource({"postgresql, xa", "postgresql, local", "derby, xa"})
    void a_broker_refusing_a_message_mid_batch_sends_none_of_the_batch_and_all_are_delivered_once_after(
            String database, String mode) throws Exception {
        DataSource dataSource = dataSource(database);
        Transport node = relay(dataSource, mode, Map.of("rebound.database.relay-batch", "100"));
        Set<String> ids = write(node, 300);
        AtomicInteger sends = refuseOnce(50);

        node.start(new RecordingInbound("one", dataSource, 1, 0));
        await().atMost(Duration.ofSeconds(60)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);

        Map<String, Integer> received = received(new HashMap<>());
        assertThat(sends.get()).as("the refused batch was sent again").isGreaterThanOrEqualTo(400);
        assertThat(received.keySet()).isEqualTo(ids);
        assertThat(received.values()).containsOnly(1);
    }

    /**
     * A deferred constraint trigger that fails the first commit of a transaction deleting rows of the outbox (the
     * relay's), once: checked at commit, after the batch was sent. A sequence counts, as it does not roll back.
     */
    private static void failTheRelaysCommitOnce(DataSource dataSource) {
        Tables.execute(dataSource, "DROP SEQUENCE IF EXISTS relay_commits");
        Tables.execute(dataSource, "CREATE SEQUENCE relay_commits");
        Tables.execute(dataSource, "CREATE OR REPLACE FUNCTION fail_relay_commit() RETURNS trigger AS $$ BEGIN "
                + "IF nextval('relay_commits') = 1 THEN RAISE EXCEPTION 'TEST: the relay''s commit fails once'; "
                + "END IF; RETURN OLD; END $$ LANGUAGE plpgsql");
        Tables.execute(dataSource, "DROP TRIGGER IF EXISTS fail_relay_commit ON rebound_message");
        Tables.execute(dataSource, "CREATE CONSTRAINT TRIGGER fail_relay_commit AFTER DELETE ON rebound_message "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_relay_commit()");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xa", "local"})
    void a_relay_commit_that_fails_after_the_send_delivers_exactly_once_in_xa_and_at_least_once_in_local(String mode)
            throws Exception {
        DataSource dataSource = dataSource("postgresql");
        Transport node = relay(dataSource, mode, Map.of("rebound.database.relay-batch", "50"));
        Set<String> ids = write(node, 50);
        failTheRelaysCommitOnce(dataSource);

        try (LogRecords logs = LogRecords.of("dev.rebound.database")) {
            node.start(new RecordingInbound("one", dataSource, 1, 0));
            await().atMost(Duration.ofSeconds(60)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);
            assertThat(logs.messages("REBOUND-3106")).singleElement().asString()
                    .contains("The commit of a batch of relay outbox to channel batched failed");
        }
        assertThat(Tables.count(dataSource, "SELECT last_value FROM relay_commits")).as("the first commit failed")
                .isGreaterThan(50);

        Map<String, Integer> received = received(new HashMap<>());
        assertThat(received.keySet()).isEqualTo(ids);
        if (mode.equals("xa")) {
            assertThat(received.values()).as("exactly once").containsOnly(1);
        } else {
            assertThat(received.values()).as("at least once: the batch was sent before the failed commit")
                    .containsOnly(2);
        }
    }
}
