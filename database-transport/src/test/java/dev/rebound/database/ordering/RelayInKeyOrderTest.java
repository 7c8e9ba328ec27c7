package dev.rebound.database.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.testing.BrokerQueue;
import dev.rebound.database.testing.Derby;
import dev.rebound.database.testing.RecordingInbound;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.QueueChannel;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Artemis;
import dev.rebound.testsupport.Jta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two and three relays on one outbox table forward keyed rows to the broker in small batches: every message arrives
 * once, and each key's messages arrive in the order they were written, though the relays claim concurrently (a row
 * waits while an earlier row of its key is in another relay's batch).
 */
class RelayInKeyOrderTest {

    private static final String OUTBOX = "ordered-outbox";
    private static final String TARGET = "ordered-relayed";
    private static final int KEYS = 10;
    private static final int PER_KEY = 60;

    private final List<Transport> nodes = new ArrayList<>();
    private final BrokerQueue queue = new BrokerQueue(TARGET);

    @AfterEach
    void stopTheNodes() {
        nodes.forEach(Transport::stop);
        queue.close();
        BrokerQueue.broker().acceptor(Artemis.IN_VM, true);
    }

    private Transport node(DataSource dataSource, String claim) {
        Map<String, String> config = new HashMap<>(Map.of("rebound.database.claim", claim,
                "rebound.database.poll-interval-ms", "100", "rebound.database.failure-pause-ms", "100",
                "rebound.database.shutdown-timeout-ms", "5000", "rebound.database.relay-batch", "7",
                "rebound.channel." + OUTBOX + ".relay-to", TARGET,
                "rebound.channel." + OUTBOX + ".ordering-key", "header:key"));
        Transport transport = new DatabaseTransportFactory().create(new TestContext(config, dataSource,
                Map.of(TARGET, queue)));
        transport.channel(OUTBOX);
        nodes.add(transport);
        return transport;
    }

    @ParameterizedTest(name = "{0}, claim {1}, {2} relays")
    @CsvSource({"postgresql, auto, 2", "postgresql, auto, 3", "postgresql, lease, 3", "derby, auto, 3"})
    void several_relays_deliver_each_message_once_and_each_key_in_order(String database, String claim, int count)
            throws Exception {
        DataSource dataSource = database.equals("derby") ? Derby.dataSource() : Jta.dataSource();
        Tables.execute(dataSource, "DELETE FROM rebound_message");
        queue.ids();
        for (int i = 0; i < count; i++) {
            node(dataSource, claim);
        }
        QueueChannel outbox = nodes.get(0).channel(OUTBOX);
        Map<String, Step> sent = new HashMap<>();
        for (int seq = 0; seq < PER_KEY; seq++) {
            for (int key = 0; key < KEYS; key++) {
                Envelope envelope = PerKeyOrderTest.envelope(new Step("k-" + key, seq));
                sent.put(envelope.message().headers().messageId().toString(), (Step) envelope.message().payload());
                outbox.enqueue(envelope, 0);
            }
        }

        for (int i = 0; i < count; i++) {
            nodes.get(i).start(new RecordingInbound("relay-" + i, dataSource, 2, 0));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> Tables.depth(dataSource, OUTBOX) == 0);

        List<String> received = queue.received();
        assertThat(received).as("no lost and no duplicate message").hasSize(sent.size())
                .containsExactlyInAnyOrderElementsOf(sent.keySet());
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (String id : received) {
            Step step = sent.get(id);
            byKey.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(step.seq());
        }
        List<Integer> inOrder = new ArrayList<>();
        for (int seq = 0; seq < PER_KEY; seq++) {
            inOrder.add(seq);
        }
        assertThat(byKey).hasSize(KEYS).allSatisfy((key, seqs) -> assertThat(seqs).as(key).isEqualTo(inOrder));
    }
}
