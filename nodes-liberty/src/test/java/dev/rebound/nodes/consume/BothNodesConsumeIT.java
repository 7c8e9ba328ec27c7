package dev.rebound.nodes.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.nodes.support.Cluster;
import dev.rebound.nodes.support.Figures;
import dev.rebound.nodes.support.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both nodes consume queue jobs of node A's engine: messages sent through node A are handled once each, some by A
 * (in-process consumers), some by B (over TCP), and none stays on the queue.
 */
class BothNodesConsumeIT {

    private static final int MESSAGES = Integer.getInteger("nodes.messages", 40);

    private final Cluster cluster = Cluster.running();

    @AfterEach
    void reset() {
        cluster.apiA().pace(0);
        cluster.apiB().pace(0);
    }

    @Test
    void messagesSentThroughOneNodeAreHandledOnceEachBySeveralNodes() {
        long started = System.currentTimeMillis();
        // a little time per message, so that the node whose consumers receive first cannot take them all
        cluster.apiA().pace(25);
        cluster.apiB().pace(25);
        List<String> sent = cluster.apiA().send("jobs", "both", MESSAGES);

        AtomicReference<Ledger> ledger = new AtomicReference<>(
                cluster.awaitSettled("both-", sent, Duration.ofMinutes(3)));

        Figures.report("both-consume", sent, ledger.get(), 0, cluster.preparedTransactions(), started);
        assertThat(ledger.get().handledOnA(sent)).as("handled by node A\n" + ledger.get()).isPositive();
        assertThat(ledger.get().handledOnB(sent)).as("handled by node B\n" + ledger.get()).isPositive();
        assertThat(ledger.get().deadLettered(sent)).as("dead letters").isZero();
        // node B sees the same rows and the same (empty) queue
        assertThat(cluster.apiB().ledger("both-").settled(sent)).as("node B's view of the ledger").isTrue();
    }
}
