package dev.rebound.nodes.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.nodes.support.Cluster;
import dev.rebound.nodes.support.Figures;
import dev.rebound.nodes.support.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A message that always fails, with two nodes: its attempt count travels in the message, so it is dead-lettered
 * once, after 3 attempts (1 + 2 delayed retries) whichever nodes ran them. In jta mode the handler may run more
 * often than that: a failed attempt rolls the receive back with the handler's work, and the decision (retry later,
 * dead letter) waits in the failing node's memory for the redelivery; when the other node gets the redelivery it
 * runs the handler again (same attempt), fails, rolls back, and the message then meets a node holding a decision.
 * So each attempt runs at most once per node: 3 to 6 runs here. The figure line says how many.
 */
class AttemptBudgetIT {

    private final Cluster cluster = Cluster.running();

    @AfterEach
    void reset() {
        cluster.apiA().heal();
        cluster.apiB().heal();
    }

    @Test
    void aMessageFailingOnBothNodesIsDeadLetteredAfterItsBudget() {
        long started = System.currentTimeMillis();
        cluster.apiA().failAll("budget-");
        cluster.apiB().failAll("budget-");
        List<String> sent = cluster.apiA().send("jobs", "budget", 8);

        AtomicReference<Ledger> ledger = new AtomicReference<>(
                cluster.awaitSettled("budget-", sent, Duration.ofMinutes(2)));
        List<String> letters = cluster.apiB().deadLetters("budget-");
        assertThat(letters).hasSize(8)
                .allSatisfy(line -> assertThat(line).as("attempts of " + line).contains(" attempts=3 "));
        Map<String, Integer> onA = cluster.apiA().failures("budget-");
        Map<String, Integer> onB = cluster.apiB().failures("budget-");
        assertThat(sent).allSatisfy(key -> assertThat(onA.getOrDefault(key, 0) + onB.getOrDefault(key, 0))
                .as("handler runs of " + key + " on A " + onA + " and on B " + onB)
                .isBetween(3, 3 * 2));
        int runs = sent.stream().mapToInt(key -> onA.getOrDefault(key, 0) + onB.getOrDefault(key, 0)).sum();
        // the retries go through the queue, so the attempts of the messages ran on both nodes
        assertThat(onA).as("failed on node A").isNotEmpty();
        assertThat(onB).as("failed on node B").isNotEmpty();
        long split = sent.stream().filter(key -> onA.containsKey(key) && onB.containsKey(key)).count();
        System.out.println("REBOUND NODES liberty attempt-budget: " + split + " of " + sent.size()
                + " messages had attempts on both nodes; " + runs + " handler runs for " + sent.size() * 3
                + " attempts (runs per message " + sent.stream().map(key -> String.valueOf(onA.getOrDefault(key, 0)
                + onB.getOrDefault(key, 0))).toList() + "), every dead letter at attempts=3");
        Figures.report("attempt-budget", sent, ledger.get(), 0, cluster.preparedTransactions(), started);
        assertThat(ledger.get().deadLettered(sent)).isEqualTo(8);
    }
}
