package dev.rebound.faults.nodes;

import dev.rebound.faults.harness.Database;
import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import dev.rebound.faults.harness.NodesRun;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, shared by three nodes, killed (kill -9 of the postmaster) while they handle messages and started again
 * on its data directory 2 s later: every node's pool drops its dead connections, the units that failed roll back and
 * come again, what was prepared is resolved by its node's recovery; every message is handled or dead-lettered once.
 */
class DatabaseRestartWithNodesTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void three_nodes_survive_a_database_restart_without_losing_or_repeating_work() {
        try (NodesRun run = NodesRun.start("nodes-database-restart", 3, Map.of(), 100)) {
            run.send(FaultRun.mix("d", FaultRun.MESSAGES));
            Awaitility.await("under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> Integer.parseInt(
                            Database.strings("SELECT count(*) FROM effect").get(0)) >= 5);
            Database.killAndRestart(Duration.ofSeconds(2));
            run.killed();
            long restartedAt = System.nanoTime();
            run.awaitSettled(Duration.ofSeconds(150));
            double settleSeconds = (System.nanoTime() - restartedAt) / 1e9;
            Ledger ledger = run.settle();
            System.out.printf("REBOUND FAULTS nodes database-restart: 3 nodes, %d messages, 1 database kill, all"
                            + " settled %.1f s after the restart; effects per node %s; %d lost, %d duplicated, %d"
                            + " stuck, %d on the broker's DLQ%n", ledger.messages(), settleSeconds,
                    NodeKilledUnderLoadTest.effectsPerNode(run), ledger.lost(), ledger.duplicated(), ledger.stuck(),
                    ledger.onBrokerDlq());
            ledger.assertClean();
        }
    }
}
