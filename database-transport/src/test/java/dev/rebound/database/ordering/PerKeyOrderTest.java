package dev.rebound.database.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.Message;
import dev.rebound.MessageHeaders;
import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.testing.Derby;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An ordered database channel ({@code rebound.channel.<c>.ordering-key}) on two and three nodes (transports of
 * two consumers each on one table): every message is handled once, each key's messages in the order they were
 * sent, while the first message of one key fails three times (an instant, then two delayed retries, which keep
 * the row's place) and the other keys keep flowing. Checked against a ledger written in the handlers' units.
 */
class PerKeyOrderTest {

    private static final String CHANNEL = "ordered";
    private static final int KEYS = 10;
    private static final int PER_KEY = 30;
    private static final Step FAILING = new Step("k-0", 0);

    private final List<Transport> nodes = new ArrayList<>();

    @AfterEach
    void stopTheNodes() {
        nodes.forEach(Transport::stop);
    }

    static Envelope envelope(Step step) {
        return new Envelope(new Message(step, MessageHeaders.first(Instant.now(), null,
                Map.of(Envelope.ORDERING_KEY, step.key()))), null, "COMMAND", 1, "test");
    }

    private Transport node(DataSource dataSource, String claim) {
        Map<String, String> config = new HashMap<>(Map.of("rebound.database.claim", claim,
                "rebound.database.poll-interval-ms", "200", "rebound.database.failure-pause-ms", "100",
                "rebound.database.shutdown-timeout-ms", "5000",
                "rebound.channel." + CHANNEL + ".ordering-key", "header:key"));
        Transport transport = new DatabaseTransportFactory().create(new TestContext(config, dataSource));
        transport.channel(CHANNEL);
        nodes.add(transport);
        return transport;
    }

    @ParameterizedTest(name = "{0}, claim {1}, {2} nodes")
    @CsvSource({"postgresql, auto, 2", "postgresql, auto, 3", "postgresql, lease, 3", "derby, auto, 2",
            "derby, auto, 3"})
    void each_key_is_handled_in_order_once_on_every_node_while_its_first_message_fails_three_times(
            String database, String claim, int count) throws Exception {
        DataSource dataSource = database.equals("derby") ? Derby.dataSource() : Jta.dataSource();
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        Tables.execute(dataSource, "DELETE FROM ledger");
        List<LedgerInbound> inbounds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            node(dataSource, claim);
            inbounds.add(new LedgerInbound("node-" + i, dataSource, FAILING));
        }
        QueueChannel channel = nodes.get(0).channel(CHANNEL);
        Set<String> sent = new HashSet<>();
        for (int seq = 0; seq < PER_KEY; seq++) {
            for (int key = 0; key < KEYS; key++) {
                Envelope envelope = envelope(new Step("k-" + key, seq));
                sent.add(envelope.message().headers().messageId().toString());
                channel.enqueue(envelope, 0);
            }
        }

        for (int i = 0; i < count; i++) {
            nodes.get(i).start(inbounds.get(i));
        }
        await().atMost(Duration.ofSeconds(120)).until(() ->
                Tables.count(dataSource, "SELECT COUNT(*) FROM ledger") == KEYS * PER_KEY
                        && Tables.depth(dataSource, CHANNEL) == 0);

        List<String> violations = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        for (LedgerInbound inbound : inbounds) {
            violations.addAll(inbound.violations());
            failures.addAll(inbound.failures());
            attempts.addAll(inbound.failingAttempts());
        }
        assertThat(violations).isEmpty();
        assertThat(failures).isEmpty();
        // each attempt ran (a failed one may run once more on another consumer before its retry is written: its
        // unit rolled back, the row was free), the fourth, which passed, once
        assertThat(new HashSet<>(attempts)).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(attempts).containsOnlyOnce(4);
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        Set<String> handled = new HashSet<>();
        long failingAt = 0;
        long othersBefore = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT message_id, ordering_key, seq, position FROM ledger "
                     + "ORDER BY position")) {
            while (r.next()) {
                handled.add(r.getString(1));
                byKey.computeIfAbsent(r.getString(2), k -> new ArrayList<>()).add(r.getInt(3));
                if (r.getString(2).equals(FAILING.key()) && r.getInt(3) == FAILING.seq()) {
                    failingAt = r.getLong(4);
                } else if (failingAt == 0 && !r.getString(2).equals(FAILING.key())) {
                    othersBefore++;
                }
            }
        }
        assertThat(handled).as("no lost and no duplicate message").isEqualTo(sent);
        List<Integer> inOrder = new ArrayList<>();
        for (int seq = 0; seq < PER_KEY; seq++) {
            inOrder.add(seq);
        }
        assertThat(byKey).hasSize(KEYS).allSatisfy((key, seqs) -> assertThat(seqs).as(key).isEqualTo(inOrder));
        // the failing head held back its own key only: the other keys flowed while it waited for its retries
        assertThat(othersBefore).isGreaterThan(KEYS);
        System.out.printf("[%s, claim %s, %d nodes] the failing head was handled after %d messages of other keys%n",
                database, claim, count, othersBefore);
    }
}
