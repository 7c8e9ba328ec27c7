package dev.rebound.faults.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.LaterHandler;
import dev.rebound.faults.harness.Database;
import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import dev.rebound.faults.harness.NodesRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A delayed retry is a scheduled message on the broker, not a timer of the node that decided it: node 0 alone
 * consumes (the two others paused), fails the first attempt of each {@link LaterHandler} job and schedules its retry
 * {@value LaterHandler#DELAY_MS} ms later; node 0 is killed before the retries are due, the others resume, and each
 * retry arrives once, on one of them.
 */
class DelayedRetryNodeDiesTest {

    private static final int MESSAGES = 4;

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void a_delayed_retry_arrives_once_when_the_node_that_scheduled_it_dies() {
        try (NodesRun run = NodesRun.start("nodes-retry-node-dies", 3, Map.of(), 0)) {
            run.consumers(1, false);
            run.consumers(2, false);
            List<String> keys = IntStream.range(0, MESSAGES).mapToObj(i -> "later-" + i).toList();
            run.later(0, keys);
            await("node 0 scheduled every retry").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions().until(() -> run.broker().stat(LaterHandler.CHANNEL + ".scheduled") == MESSAGES);
            int retriedBefore = retries();
            run.kill(0);
            run.consumers(1, true);
            run.consumers(2, true);
            run.awaitSettled(Duration.ofSeconds(60));
            List<String> retriedOn = Database.strings("SELECT node FROM handler_call WHERE attempt = 2");
            Ledger ledger = run.settle();
            System.out.printf("REBOUND FAULTS nodes retry-node-dies: 3 nodes, %d delayed retries scheduled by the"
                            + " killed node, %d arrived before the kill, %d after it (on %s), %d effects; %d lost,"
                            + " %d duplicated, %d stuck, %d on the broker's DLQ%n", MESSAGES, retriedBefore,
                    retriedOn.size() - retriedBefore, retriedOn.stream().distinct().sorted().toList(),
                    Integer.parseInt(Database.strings("SELECT count(*) FROM effect").get(0)), ledger.lost(),
                    ledger.duplicated(), ledger.stuck(), ledger.onBrokerDlq());
            ledger.assertClean();
            assertThat(retriedBefore).as("no retry was due before the kill").isZero();
            assertThat(Database.strings("SELECT message_key FROM handler_call WHERE attempt = 2 ORDER BY 1"))
                    .as("each retry ran once").containsExactlyElementsOf(keys);
            assertThat(retriedOn).as("the retries ran on the nodes that live").doesNotContain(NodesRun.nodeName(0));
            assertThat(Database.strings("SELECT message_key FROM effect ORDER BY 1")).containsExactlyElementsOf(keys);
        }
    }

    private static int retries() {
        return Integer.parseInt(Database.strings("SELECT count(*) FROM handler_call WHERE attempt = 2").get(0));
    }
}
