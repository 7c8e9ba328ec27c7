package dev.rebound.database.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.testing.Derby;
import dev.rebound.database.testing.RecordingInbound;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import dev.rebound.testsupport.LogRecords;
import dev.rebound.testsupport.XaResourceStub;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A relay's unit commits the database before the broker's second phase (the pool is Narayana's last resource): a
 * keyed row the relay forwarded must keep holding back its key until the broker has committed its message, or another
 * relay sends the next message of the key and the broker shows it first. The target here joins the unit as an XA
 * branch whose commit is what "the broker" shows, in commit order; the commit of the key's first message waits until
 * the second has arrived, or 2 s.
 */
class RelayOrderAcrossCommitTest {

    private static final String OUTBOX = "held-outbox";
    private static final String TARGET = "held-relayed";

    private final List<Transport> nodes = new ArrayList<>();

    @AfterEach
    void stopTheNodes() {
        nodes.forEach(Transport::stop);
    }

    @ParameterizedTest(name = "{0}, claim {1}")
    @CsvSource({"postgresql, auto", "postgresql, lease", "derby, auto"})
    void a_second_relay_waits_for_the_broker_commit_of_the_earlier_message_of_its_key(String database, String claim)
            throws Exception {
        DataSource dataSource = dataSource(database);
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        Broker broker = new Broker();
        Envelope first = PerKeyOrderTest.envelope(new Step("k", 0));
        Envelope second = PerKeyOrderTest.envelope(new Step("k", 1));
        broker.holdCommitOf(id(first), id(second));
        // one row a batch, so the key's second message can only go in a unit of its own; the default hold
        Transport a = node(dataSource, claim, broker, 1, 300_000);
        Transport b = node(dataSource, claim, broker, 1, 300_000);
        QueueChannel outbox = a.channel(OUTBOX);
        outbox.enqueue(first, 0);
        outbox.enqueue(second, 0);

        a.start(new RecordingInbound("relay-a", dataSource, 1, 0));
        b.start(new RecordingInbound("relay-b", dataSource, 1, 0));

        await().atMost(Duration.ofSeconds(30)).until(() -> broker.committed.size() == 2
                && Tables.depth(dataSource, OUTBOX) == 0);
        assertThat(broker.held.await(0, TimeUnit.SECONDS)).as("the first message's commit was held").isTrue();
        assertThat(broker.committed).as("the broker shows the key's messages in order")
                .containsExactly(id(first), id(second));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"postgresql", "derby"})
    void a_forwarded_row_its_relay_left_behind_holds_its_key_until_the_hold_has_passed(String database)
            throws Exception {
        DataSource dataSource = dataSource(database);
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        Broker broker = new Broker();
        // batches of 10: the held key's row does not stand in the way of the other key's
        Transport node = node(dataSource, "auto", broker, 10, 1000);
        QueueChannel outbox = node.channel(OUTBOX);
        Envelope forwarded = PerKeyOrderTest.envelope(new Step("k", 0));
        Envelope next = PerKeyOrderTest.envelope(new Step("k", 1));
        Envelope other = PerKeyOrderTest.envelope(new Step("other", 0));
        outbox.enqueue(forwarded, 0);
        outbox.enqueue(next, 0);
        outbox.enqueue(other, 0);
        // as a relay that died after its commit leaves the row: marked relayed, held for 3 more seconds
        long holdUntil = System.currentTimeMillis() + 3000;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE "
                + "rebound_message SET due_at = ?, owner = 'dead-relay', lease_until = ? WHERE message_id = ?")) {
            s.setLong(1, Long.MAX_VALUE);
            s.setLong(2, holdUntil);
            s.setString(3, id(forwarded));
            assertThat(s.executeUpdate()).isOne();
        }
        LogRecords logged = LogRecords.of("dev.rebound.database");
        try {
            node.start(new RecordingInbound("relay", dataSource, 1, 0));

            await().atMost(Duration.ofSeconds(10)).until(() -> broker.committed.contains(id(other)));
            assertThat(broker.committed).as("the other key flows, the held key waits").containsExactly(id(other));
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.committed.contains(id(next)));
            assertThat(System.currentTimeMillis()).as("not before the hold had passed").isGreaterThanOrEqualTo(holdUntil);
            assertThat(broker.committed).containsExactly(id(other), id(next));
            await().atMost(Duration.ofSeconds(5)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);
            assertThat(logged.messages("REBOUND-3114")).singleElement().asString()
                    .contains("Relay " + OUTBOX + " deleted 1 keyed row(s)", "relay-hold-ms=1000");
        } finally {
            logged.close();
        }
    }

    private static DataSource dataSource(String database) {
        return database.equals("derby") ? Derby.dataSource() : Jta.dataSource();
    }

    private static String id(Envelope envelope) {
        return envelope.message().headers().messageId().toString();
    }

    private Transport node(DataSource dataSource, String claim, Broker broker, int batch, long holdMs) {
        Map<String, String> config = new HashMap<>(Map.of("rebound.database.claim", claim,
                "rebound.database.poll-interval-ms", "20", "rebound.database.failure-pause-ms", "100",
                "rebound.database.shutdown-timeout-ms", "5000", "rebound.database.relay-batch", String.valueOf(batch),
                "rebound.database.relay-hold-ms", String.valueOf(holdMs),
                "rebound.channel." + OUTBOX + ".relay-to", TARGET,
                "rebound.channel." + OUTBOX + ".ordering-key", "header:key"));
        Transport transport = new DatabaseTransportFactory().create(new TestContext(config, dataSource,
                Map.of(TARGET, broker)));
        transport.channel(OUTBOX);
        nodes.add(transport);
        return transport;
    }

    /** The relay's target: each batch an XA branch of the relay's unit, shown when that branch commits. */
    private static final class Broker implements QueueChannel {

        final List<String> committed = new CopyOnWriteArrayList<>();
        final CountDownLatch held = new CountDownLatch(1);
        private volatile String holdId;
        private volatile String untilId;

        void holdCommitOf(String id, String until) {
            holdId = id;
            untilId = until;
        }

        @Override
        public String name() {
            return TARGET;
        }

        @Override
        public void enqueue(Envelope envelope, long delayMs) {
            enqueueAll(List.of(envelope));
        }

        @Override
        public void enqueueAll(List<Envelope> envelopes) {
            List<String> ids = envelopes.stream().map(RelayOrderAcrossCommitTest::id).toList();
            try {
                if (!Jta.transactionManager().getTransaction().enlistResource(new Branch(ids))) {
                    throw new IllegalStateException("not enlisted");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private final class Branch extends XaResourceStub {

            private final List<String> ids;

            Branch(List<String> ids) {
                this.ids = ids;
            }

            @Override
            public void commit(Xid xid, boolean onePhase) {
                if (ids.contains(holdId)) {
                    held.countDown();
                    long deadline = System.currentTimeMillis() + 2000;
                    while (!committed.contains(untilId) && System.currentTimeMillis() < deadline) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
                committed.addAll(ids);
            }
        }
    }
}
