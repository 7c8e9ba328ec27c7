package dev.rebound.faults.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.faults.harness.Database;
import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import dev.rebound.faults.harness.NodesRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of one node of three while all three handle messages: what it had in flight (in its handler, received
 * or prefetched) goes back to the queue and the two others handle it, once; the killed node's own recovery, once it
 * is started again, only resolves what it left prepared.
 */
class NodeKilledUnderLoadTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void the_messages_of_a_killed_node_are_handled_by_the_others_once() {
        try (NodesRun run = NodesRun.start("nodes-node-killed", 3, Map.of(), 150)) {
            int victim = 1;
            String killed = NodesRun.nodeName(victim);
            run.send(FaultRun.mix("k", FaultRun.MESSAGES));
            await("the node " + killed + " under way").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> run.calls(killed) >= 2);
            run.kill(victim);
            long killedAt = System.nanoTime();
            // what the killed node had in flight: handler called there, no effect of its own
            List<String> inFlight = new java.util.ArrayList<>(Database.strings("SELECT DISTINCT c.message_key FROM handler_call c WHERE c.node = '"
                    + killed + "' AND NOT EXISTS (SELECT 1 FROM effect e WHERE e.message_key = c.message_key"
                    + " AND e.node = '" + killed + "')"));
            inFlight.retainAll(run.unsettled());
            // the two others settle everything but what the dead node left prepared (its recovery's, later)
            await("the others handle what the killed node had").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> run.unsettled().size() <= run.broker().stat("xa.prepared"));
            double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            List<String> leftInDoubt = run.unsettled();
            List<String> byOthers = inFlight.stream().filter(k -> !leftInDoubt.contains(k)).toList();
            Ledger ledger = run.settle();
            System.out.printf("REBOUND FAULTS nodes node-killed: 3 nodes, %d messages, %s killed with %d messages"
                            + " unsettled that it had called its handler for (%d handled by the others, %d left prepared for its recovery), all settled"
                            + " by the others %.1f s after the kill; effects per node %s; %d lost, %d duplicated,"
                            + " %d stuck, %d on the broker's DLQ%n", ledger.messages(), killed, inFlight.size(),
                    byOthers.size(), leftInDoubt.size(), takeoverSeconds, effectsPerNode(run), ledger.lost(),
                    ledger.duplicated(), ledger.stuck(), ledger.onBrokerDlq());
            ledger.assertClean();
            assertThat(inFlight).as("the node was killed in its handler").isNotEmpty();
            assertThat(Database.strings("SELECT DISTINCT message_key FROM effect WHERE node = '" + killed + "'"))
                    .as("what the killed node had in flight has no effect of its own (its transactions rolled back)")
                    .doesNotContainAnyElementsOf(byOthers);
        }
    }

    static String effectsPerNode(NodesRun run) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < run.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(NodesRun.nodeName(i)).append('=').append(run.effects(NodesRun.nodeName(i)));
        }
        return s.append(']').toString();
    }
}
