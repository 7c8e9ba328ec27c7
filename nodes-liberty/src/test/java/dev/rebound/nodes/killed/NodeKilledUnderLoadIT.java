package dev.rebound.nodes.killed;

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
 * kill -9 of node B while both nodes consume: the messages B held (received, handler running, or its XA transaction
 * with the engine and PostgreSQL under way) are handled once, by A after the engine takes them back or by B after
 * its restart (its transaction log resolves what it had prepared); every message is handled once, nothing is left
 * on the queue, on the exception destination, or prepared in PostgreSQL.
 */
class NodeKilledUnderLoadIT {

    private static final int MESSAGES = Integer.getInteger("nodes.messages", 40);

    private final Cluster cluster = Cluster.running();

    @AfterEach
    void reset() {
        cluster.apiA().pace(0);
        if (cluster.b().alive()) {
            cluster.apiB().pace(0);
        }
    }

    @Test
    void messagesInFlightOnAKilledNodeAreHandledOnce() {
        long started = System.currentTimeMillis();
        // 150 ms per message: each of B's two consumers holds one most of the time
        cluster.apiA().pace(150);
        cluster.apiB().pace(150);
        List<String> sent = cluster.apiA().send("jobs", "kill", MESSAGES);
        await("node B handles some").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.apiA().ledger("kill-").handledOnB(sent) >= 3);

        cluster.b().kill();
        long handledByBBeforeTheKill = cluster.apiA().ledger("kill-").handledOnB(sent);
        // node A goes on alone for a while, then B comes back (and recovers what it had prepared)
        await("node A handles more alone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.apiA().ledger("kill-").handledOnA(sent) >= MESSAGES / 2
                        || cluster.apiA().ledger("kill-").settled(sent));
        cluster.b().start();

        AtomicReference<Ledger> ledger = new AtomicReference<>(
                cluster.awaitSettled("kill-", sent, Duration.ofMinutes(3)));

        System.out.println("REBOUND NODES liberty kill-b: node B had handled " + handledByBBeforeTheKill
                + " when killed");
        Figures.report("kill-b", sent, ledger.get(), 1, cluster.preparedTransactions(), started);
        assertThat(ledger.get().deadLettered(sent)).as("dead letters\n" + ledger.get()).isZero();
    }
}
