package dev.rebound.nodes.pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.nodes.support.Cluster;
import dev.rebound.nodes.support.Figures;
import dev.rebound.nodes.support.Ledger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code Consumers.pause/resume} and the final strategy {@code STOP} act on with two nodes: the consumers of the
 * node where they are called or where the failure happened, not the channel. A paused node's share goes to the other
 * node. A message whose failure STOPs a node goes back to the queue, and so reaches the other nodes, which stop in
 * turn: STOP ends with every node stopped, one delivery per node.
 */
class PauseAndStopPerNodeIT {

    private final Cluster cluster = Cluster.running();

    @AfterEach
    void reset() {
        cluster.apiA().heal();
        cluster.apiB().heal();
        cluster.apiA().resume("jobs");
        cluster.apiB().resume("jobs");
        cluster.apiA().resume("strict");
        cluster.apiB().resume("strict");
    }

    @Test
    void pauseActsOnTheNodeItIsCalledOn() {
        long started = System.currentTimeMillis();
        assertThat(cluster.apiB().pause("jobs")).startsWith("PAUSED");
        assertThat(cluster.apiA().status("jobs")).startsWith("CONSUMING");
        List<String> first = cluster.apiA().send("jobs", "pauseb", 10);
        Ledger whileBPaused = settled("pauseb-", first);
        assertThat(whileBPaused.handledOnB(first)).as("handled by the paused node B").isZero();

        assertThat(cluster.apiB().resume("jobs")).startsWith("CONSUMING");
        assertThat(cluster.apiA().pause("jobs")).startsWith("PAUSED");
        assertThat(cluster.apiB().status("jobs")).startsWith("CONSUMING");
        // sent through the paused node's gateway: pausing stops consumers, not senders
        List<String> second = cluster.apiA().send("jobs", "pausea", 10);
        Ledger whileAPaused = settled("pausea-", second);
        assertThat(whileAPaused.handledOnA(second)).as("handled by the paused node A").isZero();
        assertThat(cluster.apiA().resume("jobs")).startsWith("CONSUMING");

        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        Ledger ledger = cluster.apiA().ledger("pause");
        Figures.report("pause-per-node", all, ledger, 0, cluster.preparedTransactions(), started);
    }

    @Test
    void stopStopsEachNodeThatReceivesTheFailingMessage() {
        long started = System.currentTimeMillis();
        cluster.apiA().failAll("stop-");
        cluster.apiB().failAll("stop-");
        List<String> sent = cluster.apiA().send("strict", "stop", 1);

        await("both nodes stopped by the same message").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> cluster.apiA().status("strict").startsWith("STOPPED")
                        && cluster.apiB().status("strict").startsWith("STOPPED"));
        assertThat(cluster.apiA().status("jobs")).as("the other channel of node A").startsWith("CONSUMING");
        Ledger stopped = cluster.apiA().ledger("stop-");
        assertThat(stopped.of("stop-1")).as("back on the queue, not handled\n" + stopped)
                .isEqualTo(new Ledger.Entry(0, 0, 0, 0, 1, 0));

        // healed; resuming node B alone is enough: it handles the message, A stays stopped
        cluster.apiA().heal();
        cluster.apiB().heal();
        assertThat(cluster.apiB().resume("strict")).startsWith("CONSUMING");
        Ledger ledger = settled("stop-", sent);
        assertThat(ledger.of("stop-1").onB()).isEqualTo(1);
        assertThat(cluster.apiA().status("strict")).startsWith("STOPPED");
        assertThat(cluster.apiA().resume("strict")).startsWith("CONSUMING");
        Figures.report("stop-per-node", sent, ledger, 0, cluster.preparedTransactions(), started);
    }

    private Ledger settled(String prefix, List<String> sent) {
        return cluster.awaitSettled(prefix, sent, Duration.ofMinutes(2));
    }
}
