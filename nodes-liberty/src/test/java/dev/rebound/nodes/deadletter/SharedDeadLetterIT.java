package dev.rebound.nodes.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.nodes.support.Cluster;
import dev.rebound.nodes.support.Figures;
import dev.rebound.nodes.support.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dead letter is one table in the shared database: messages dead-lettered on node A are listed by node B and
 * replayed through node B; the same replay started on both nodes at once handles each message once.
 */
class SharedDeadLetterIT {

    private final Cluster cluster = Cluster.running();

    @AfterEach
    void reset() {
        cluster.apiA().heal();
        cluster.apiB().heal();
        cluster.apiB().resume("jobs");
    }

    @Test
    void aDeadLetterOfNodeAIsReplayedThroughNodeBOnce() {
        long started = System.currentTimeMillis();
        // only node A consumes, and it fails every attempt: two delayed retries, then the dead letter
        assertThat(cluster.apiB().pause("jobs")).startsWith("PAUSED");
        cluster.apiA().failAll("dead-");
        List<String> sent = cluster.apiA().send("jobs", "dead", 4);
        await("dead-lettered on node A").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> sent.stream().allMatch(key -> {
                    Ledger.Entry entry = cluster.apiA().ledger("dead-").of(key);
                    return entry.deadLetters() == 1 && entry.queued() == 0;
                }));
        cluster.apiA().heal();
        assertThat(cluster.apiB().resume("jobs")).startsWith("CONSUMING");

        List<String> onB = cluster.apiB().deadLetters("dead-");
        assertThat(onB).as("node B lists node A's dead letters").hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("failed on node A"));

        // one replayed through node B alone
        assertThat(cluster.apiB().replay("dead-1")).isEqualTo(1);
        assertThat(cluster.apiA().ledger("dead-").of("dead-1"))
                .isEqualTo(new Ledger.Entry(0, 1, 1, 0, 0, 0));

        // the other three by both nodes at the same moment: each is claimed by one replay only
        CompletableFuture<Integer> byA = CompletableFuture.supplyAsync(() -> cluster.apiA().replay("dead-"));
        CompletableFuture<Integer> byB = CompletableFuture.supplyAsync(() -> cluster.apiB().replay("dead-"));
        assertThat(byA.join() + byB.join()).as("handled by the two replays").isEqualTo(3);

        Ledger ledger = cluster.apiB().ledger("dead-");
        assertThat(sent).allSatisfy(key -> assertThat(ledger.of(key).replayed()).as(key + "\n" + ledger).isEqualTo(1));
        assertThat(ledger.settled(sent)).as("every message handled once\n" + ledger).isTrue();
        assertThat(cluster.apiB().deadLetters("dead-")).isEmpty();
        Figures.report("shared-dead-letter", sent, ledger, 0, cluster.preparedTransactions(), started);
    }
}
