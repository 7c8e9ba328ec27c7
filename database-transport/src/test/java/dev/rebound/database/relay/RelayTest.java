package dev.rebound.database.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.nodes.NodesOnOneTableTest;
import dev.rebound.database.testing.BrokerQueue;
import dev.rebound.database.testing.Derby;
import dev.rebound.database.testing.RecordingInbound;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Artemis;
import dev.rebound.testsupport.Jta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database channel with {@code relay-to} forwards its rows to the target channel (a queue of an embedded Artemis)
 * in batches and deletes them: on PostgreSQL with SKIP LOCKED, with the lease on PostgreSQL and on Derby.
 */
class RelayTest {

    private static final String OUTBOX = "outbox";
    private static final String TARGET = "relayed";
    private final List<Transport> nodes = new ArrayList<>();
    private final BrokerQueue queue = new BrokerQueue(TARGET);

    @AfterEach
    void stopTheNodes() {
        nodes.forEach(Transport::stop);
        queue.close();
        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);
    }

    private static DataSource dataSource(String database) throws Exception {
        DataSource dataSource = database.equals("derby") ? Derby.dataSource() : Jta.dataSource();
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        return dataSource;
    }

    private Transport node(DataSource dataSource, String claim, String target, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("rebound.database.claim", claim,
                "rebound.database.poll-interval-ms", "200", "rebound.database.failure-pause-ms", "100",
                "rebound.database.shutdown-timeout-ms", "5000", "rebound.channel." + OUTBOX + ".relay-to", target));
        config.putAll(extra);
        Transport transport = new DatabaseTransportFactory().create(new TestContext(config, dataSource,
                Map.of(TARGET, queue)));
        transport.channel(OUTBOX);
        nodes.add(transport);
        return transport;
    }

    private static Set<String> write(QueueChannel outbox, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            var envelope = NodesOnOneTableTest.envelope("r-" + i);
            ids.add(envelope.message().headers().messageId().toString());
            outbox.enqueue(envelope, 0);
        }
        return ids;
    }

    @ParameterizedTest
    @CsvSource({"postgresql, auto, 10000", "postgresql, lease, 2000", "derby, auto, 2000"})
    void a_backlog_is_drained_to_the_broker_once_and_the_table_is_left_empty(String database, String claim, int count)
            throws Exception {
        DataSource dataSource = dataSource(database);
        queue.ids();
        Transport node = node(dataSource, claim, TARGET, Map.of());
        Set<String> ids = write(node.channel(OUTBOX), count);

        long start = System.nanoTime();
        node.start(new RecordingInbound("one", dataSource, 1, 0));
        await().atMost(Duration.ofSeconds(180)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[relay %s, claim %s] %d rows drained to Artemis in %d ms: %d rows/s%n", database, claim,
                count, ms, count * 1000L / Math.max(1, ms));

        Map<String, Integer> received = queue.ids();
        assertThat(received.keySet()).isEqualTo(ids);
        assertThat(received.values()).containsOnly(1);
    }

    @ParameterizedTest
    @CsvSource({"postgresql, auto", "postgresql, lease", "derby, auto"})
    void two_relays_on_one_table_deliver_each_message_once(String database, String claim) throws Exception {
        DataSource dataSource = dataSource(database);
        queue.ids();
        Transport first = node(dataSource, claim, TARGET, Map.of("rebound.database.relay-batch", "10"));
        Transport second = node(dataSource, claim, TARGET, Map.of("rebound.database.relay-batch", "10"));
        Set<String> ids = write(first.channel(OUTBOX), 1000);

        first.start(new RecordingInbound("one", dataSource, 1, 0));
        second.start(new RecordingInbound("two", dataSource, 1, 0));
        await().atMost(Duration.ofSeconds(120)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);

        Map<String, Integer> received = queue.ids();
        assertThat(received.keySet()).isEqualTo(ids);
        assertThat(received.values()).containsOnly(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void while_the_broker_is_down_the_rows_stay_and_are_delivered_once_when_it_is_back(String database)
            throws Exception {
        DataSource dataSource = dataSource(database);
        queue.ids();
        Transport node = node(dataSource, "auto", TARGET, Map.of());
        RecordingInbound inbound = new RecordingInbound("one", dataSource, 1, 0);
        node.start(inbound);
        BrokerQueue.broker().acceptor(Artemis.IN_VM, false);
        Set<String> ids = write(node.channel(OUTBOX), 20);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                Tables.depth(dataSource, OUTBOX) == 20);
        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);

        await().atMost(Duration.ofSeconds(60)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);
        Map<String, Integer> received = queue.ids();
        assertThat(received.keySet()).isEqualTo(ids);
        assertThat(received.values()).containsOnly(1);
        assertThat(inbound.failures()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void an_unreadable_row_is_a_dead_letter_and_the_rows_after_it_are_relayed(String database) throws Exception {
        DataSource dataSource = dataSource(database);
        queue.ids();
        Transport node = node(dataSource, "auto", TARGET, Map.of());
        Tables.insertForeign(dataSource, OUTBOX, "not Rebound's");
        Set<String> ids = write(node.channel(OUTBOX), 5);
        RecordingInbound inbound = new RecordingInbound("one", dataSource, 1, 0);

        node.start(inbound);
        await().atMost(Duration.ofSeconds(20)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);

        assertThat(inbound.failures()).singleElement().satisfies(poison ->
                assertThat(poison).hasMessageContaining("poison: REBOUND-3090"));
        assertThat(queue.ids().keySet()).isEqualTo(ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "derby"})
    void a_row_whose_target_is_unknown_is_a_dead_letter_after_the_maximum_attempts(String database) throws Exception {
        DataSource dataSource = dataSource(database);
        Transport node = node(dataSource, "auto", "nowhere", Map.of("rebound.database.relay-max-attempts", "3",
                "rebound.database.failure-pause-ms", "50"));
        write(node.channel(OUTBOX), 2);
        RecordingInbound inbound = new RecordingInbound("one", dataSource, 1, 0);

        node.start(inbound);
        await().atMost(Duration.ofSeconds(20)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);
        assertThat(inbound.failures()).hasSize(2).allSatisfy(poison -> assertThat(poison)
                .hasMessageContaining("REBOUND-3102").hasMessageContaining("nowhere").hasMessageContaining("3 attempts"));
    }
}
