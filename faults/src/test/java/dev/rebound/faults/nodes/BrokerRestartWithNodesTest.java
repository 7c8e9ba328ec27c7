package dev.rebound.faults.nodes;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.LaterHandler;
import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import dev.rebound.faults.harness.NodesRun;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the broker while three nodes handle messages, a start on its journal 3 s later: every node's consumers
 * reconnect (the broker counts them all again on both queues) and every message is handled or dead-lettered once,
 * those sent before and after the restart.
 */
class BrokerRestartWithNodesTest {

    private static final int CONSUMERS_PER_NODE = 2;

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void every_node_reconnects_after_a_broker_restart_and_nothing_is_lost_or_done_twice() {
        try (NodesRun run = NodesRun.start("nodes-broker-restart", 3, Map.of(), 100)) {
            long all = (long) run.size() * CONSUMERS_PER_NODE;
            await("every node's consumers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.consumers(FaultRun.WORK) == all && run.consumers(LaterHandler.CHANNEL) == all);
            run.send(FaultRun.mix("b", FaultRun.MESSAGES));
            await("under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> run.effects(NodesRun.nodeName(0)) + run.effects(NodesRun.nodeName(1))
                            + run.effects(NodesRun.nodeName(2)) >= 5);
            run.restartBroker(Duration.ofSeconds(3));
            long restartedAt = System.nanoTime();
            await("every node's consumers back on both queues").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> run.consumers(FaultRun.WORK) == all && run.consumers(LaterHandler.CHANNEL) == all);
            double reconnectSeconds = (System.nanoTime() - restartedAt) / 1e9;
            run.send(FaultRun.mix("a", 12));          // after the restart, through a reconnected node
            run.awaitSettled(Duration.ofSeconds(120));
            Ledger ledger = run.settle();
            System.out.printf("REBOUND FAULTS nodes broker-restart: 3 nodes, %d messages, 1 broker kill, all %d"
                            + " consumers back %.1f s after the restart; effects per node %s; %d lost, %d duplicated,"
                            + " %d stuck, %d on the broker's DLQ%n", ledger.messages(), all * 2, reconnectSeconds,
                    NodeKilledUnderLoadTest.effectsPerNode(run), ledger.lost(), ledger.duplicated(), ledger.stuck(),
                    ledger.onBrokerDlq());
            ledger.assertClean();
        }
    }
}
