package dev.rebound.database.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.testing.Derby;
import dev.rebound.database.testing.RecordingInbound;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two nodes (two transports, each with two consumers) on one table handle every message exactly once: on
 * PostgreSQL with SKIP LOCKED, and with the lease on Derby and on PostgreSQL. The handler writes a row keyed by the
 * message id in the unit, so a second handling would fail and be noted.
 */
public class NodesOnOneTableTest {

    private static final String CHANNEL = "nodes";
    private final List<Transport> nodes = new ArrayList<>();

    @AfterEach
    void stopTheNodes() {
        nodes.forEach(Transport::stop);
    }

    private static DataSource dataSource(String database) {
        return database.equals("derby") ? Derby.dataSource() : Jta.dataSource();
    }

    private Transport node(DataSource dataSource, String claim, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("rebound.database.claim", claim,
                "rebound.database.poll-interval-ms", "200", "rebound.database.failure-pause-ms", "100",
                "rebound.database.shutdown-timeout-ms", "5000"));
        config.putAll(extra);
        Transport transport = new DatabaseTransportFactory().create(new TestContext(config, dataSource));
        transport.channel(CHANNEL);
        nodes.add(transport);
        return transport;
    }

    public static Envelope envelope(String id) {
        return new Envelope(new Message(new Shipment(id), MessageHeaders.first(Instant.now(), null, Map.of())),
                null, "COMMAND", 1, "test");
    }

    @ParameterizedTest
    @CsvSource({"postgresql, auto", "postgresql, lease", "derby, auto"})
    void two_nodes_with_two_consumers_each_handle_a_thousand_messages_exactly_once(String database, String claim)
            throws Exception {
        DataSource dataSource = dataSource(database);
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        RecordingInbound.emptyHandled(dataSource);
        Transport first = node(dataSource, claim, Map.of());
        Transport second = node(dataSource, claim, Map.of());
        RecordingInbound one = new RecordingInbound("one", dataSource, 2, 0);
        RecordingInbound two = new RecordingInbound("two", dataSource, 2, 0);
        QueueChannel channel = first.channel(CHANNEL);
        for (int i = 0; i < 1000; i++) {
            channel.enqueue(envelope("s-" + i), 0);
        }
        assertThat(Tables.depth(dataSource, CHANNEL)).isEqualTo(1000);

        long start = System.nanoTime();
        first.start(one);
        second.start(two);

        await().atMost(Duration.ofSeconds(120)).until(() -> Tables.depth(dataSource, CHANNEL) == 0);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[%s, claim %s] 1000 messages, 2 nodes x 2 consumers: %d ms; node one %d, node two %d%n",
                database, claim, ms, Tables.count(dataSource, "SELECT COUNT(*) FROM handled WHERE node = 'one'"),
                Tables.count(dataSource, "SELECT COUNT(*) FROM handled WHERE node = 'two'"));
        assertThat(Tables.count(dataSource, "SELECT COUNT(*) FROM handled")).isEqualTo(1000);
        assertThat(one.failures()).isEmpty();
        assertThat(two.failures()).isEmpty();
        assertThat(one.handled() + two.handled()).isEqualTo(1000);
    }

    /**
     * A handler that outlives its lease: the other node takes the row over (epoch + 1), the first node's unit finds
     * no row at its epoch and rolls back, so the message is handled once.
     */
    @ParameterizedTest
    @CsvSource({"postgresql", "derby"})
    void a_unit_that_outlived_its_lease_rolls_back_and_the_node_that_took_it_over_handles_it(String database)
            throws Exception {
        DataSource dataSource = dataSource(database);
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        RecordingInbound.emptyHandled(dataSource);
        Map<String, String> shortLease = Map.of("rebound.database.lease-ms", "300");
        Transport slow = node(dataSource, "lease", shortLease);
        slow.channel(CHANNEL).enqueue(envelope("slow"), 0);
        RecordingInbound slowInbound = new RecordingInbound("slow", dataSource, 1, 1500, true);
        slow.start(slowInbound);
        await().atMost(Duration.ofSeconds(10)).until(() -> Tables.count(dataSource,
                "SELECT COUNT(*) FROM rebound_message WHERE owner IS NOT NULL") == 1);

        Transport fast = node(dataSource, "lease", shortLease);
        RecordingInbound fastInbound = new RecordingInbound("fast", dataSource, 1, 0, true);
        fast.start(fastInbound);

        // the slow handler wrote its row too (under its own key): only the lease's epoch keeps it from committing
        await().atMost(Duration.ofSeconds(20)).until(() -> Tables.depth(dataSource, CHANNEL) == 0
                && slowInbound.handled() == 1 && fastInbound.handled() == 1);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                Tables.count(dataSource, "SELECT COUNT(*) FROM handled") == 1);
        assertThat(Tables.count(dataSource, "SELECT COUNT(*) FROM handled WHERE node = 'fast'")).isEqualTo(1);
        assertThat(slowInbound.failures()).isEmpty();
        assertThat(fastInbound.failures()).isEmpty();
    }
}
