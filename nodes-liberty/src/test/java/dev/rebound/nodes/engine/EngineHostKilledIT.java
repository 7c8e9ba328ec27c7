package dev.rebound.nodes.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.nodes.support.Cluster;
import dev.rebound.nodes.support.Figures;
import dev.rebound.nodes.support.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of node A, the messaging engine's host, while both nodes consume: node B loses the engine (its consumers
 * reconnect every failure pause, its in-flight transactions roll back or wait in doubt), node A restarts on the same
 * file store and transaction log; then every message is handled once, by either node, and nothing is left.
 */
class EngineHostKilledIT {

    private static final int MESSAGES = Integer.getInteger("nodes.messages", 40);

    private final Cluster cluster = Cluster.running();

    @AfterEach
    void reset() {
        cluster.apiA().pace(0);
        cluster.apiB().pace(0);
    }

    @Test
    void theOtherNodeReconnectsAndEveryMessageIsHandledOnce() {
        long started = System.currentTimeMillis();
        cluster.apiA().pace(150);
        cluster.apiB().pace(150);
        List<String> sent = cluster.apiA().send("jobs", "engine", MESSAGES);
        await("both nodes handle some").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Ledger ledger = cluster.apiA().ledger("engine-");
                    return ledger.handledOnA(sent) >= 2 && ledger.handledOnB(sent) >= 2;
                });

        cluster.a().kill();
        await("node B's consumers lost the engine").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> !cluster.apiB().status("jobs").startsWith("CONSUMING"));
        String whileDown = cluster.apiB().status("jobs");
        cluster.a().start();
        cluster.apiA().pace(150);

        AtomicReference<Ledger> ledger = new AtomicReference<>(
                cluster.awaitSettled("engine-", sent, Duration.ofMinutes(3)));
        await("node B consumes again").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.apiB().status("jobs").startsWith("CONSUMING"));

        // node B's transactions that were preparing when the engine died: Liberty reports HeuristicMixedException
        // but rolls them back; Rebound sees the rollback (REBOUND-3112) and lets the message come back, instead of
        // storing it as a dead letter for an operator (REBOUND-3018) while another node handles its redelivery
        List<String> rolledBack = cluster.b().logLines("REBOUND-3112");
        List<String> heuristic = cluster.b().logLines("REBOUND-3018");
        System.out.println("REBOUND NODES liberty kill-a: node B's consumers while the engine was down: " + whileDown
                + "; " + rolledBack.size() + " commits reported heuristic but rolled back (REBOUND-3112), "
                + heuristic.size() + " heuristic outcomes stored as dead letters (REBOUND-3018)");
        assertThat(ledger.get().deadLettered(sent)).as("dead letters\n" + ledger.get())
                .isLessThanOrEqualTo(heuristic.size());
        Figures.report("kill-a", sent, ledger.get(), 1, cluster.preparedTransactions(), started);
    }
}
