package dev.rebound.database.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.database.DatabaseTransportFactory;
import dev.rebound.database.testing.RecordingInbound;
import dev.rebound.database.testing.Tables;
import dev.rebound.database.testing.TestContext;
import dev.rebound.spi.Envelope;
import dev.rebound.spi.Transport;
import dev.rebound.testsupport.Jta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A consumer of the same process is woken by the commit of the transaction that wrote the row, not by its poll:
 * with a 10 s poll interval, messages sent one by one are handled within milliseconds of their commit. The figures
 * are printed; only a bound far below the poll interval is asserted (timing belongs in the benchmarks).
 */
class LatencyAfterCommitTest {

    @Test
    void a_consumer_of_the_same_node_is_woken_right_after_the_commit_not_by_its_poll() throws Exception {
        Tables.execute(Jta.dataSource(), "DELETE FROM rebound_message");
        RecordingInbound.emptyHandled(Jta.dataSource());
        Transport node = new DatabaseTransportFactory().create(new TestContext(Map.of(
                "rebound.database.poll-interval-ms", "10000"), Jta.dataSource()));
        RecordingInbound inbound = new RecordingInbound("one", Jta.dataSource(), 1, 0);
        try {
            node.channel("latency");
            node.start(inbound);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Envelope envelope = NodesOnOneTableTest.envelope("l-" + i);
                Jta.inTransaction(() -> {
                    node.channel("latency").enqueue(envelope, 0);
                    return null;
                });
                long committed = System.nanoTime();
                var id = envelope.message().headers().messageId();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                        .until(() -> inbound.startedAt(id) != null);
                if (i >= 50) {                      // the first ones warm the JIT and the pool
                    micros.add((inbound.startedAt(id) - committed) / 1000);
                }
            }
            Collections.sort(micros);
            long p50 = micros.get(micros.size() / 2);
            long p99 = micros.get(micros.size() * 99 / 100);
            System.out.printf("[latency after commit, same node, PostgreSQL] %d messages: p50 %.2f ms, p99 %.2f ms, "
                    + "max %.2f ms%n", micros.size(), p50 / 1000.0, p99 / 1000.0, micros.get(micros.size() - 1) / 1000.0);
            assertThat(p99).isLessThan(2_000_000);   // the poll would take up to 10 s
            assertThat(inbound.failures()).isEmpty();
        } finally {
            node.stop();
        }
    }
}
