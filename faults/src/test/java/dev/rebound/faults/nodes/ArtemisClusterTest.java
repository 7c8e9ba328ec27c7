package dev.rebound.faults.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rebound.faults.app.Job;
import dev.rebound.faults.harness.BrokerProcess;
import dev.rebound.faults.harness.Database;
import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import dev.rebound.faults.harness.NodesRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two Artemis brokers in a cluster (static connectors, {@code message-load-balancing} ON_DEMAND,
 * {@code redistribution-delay} 0; see {@code FaultBroker#cluster}) and three nodes: node 0 ({@code faults}) on
 * broker A, nodes 1 and 2 on broker B, each pinned to its broker. The ledger is taken over both brokers.
 *
 * <p>Short case (the default build): messages stored on A while no node consumes anywhere are redistributed to B
 * as soon as B's nodes consume, and handled there once; messages sent on A while only B has consumers are routed
 * to B at once; a message rolled back on A by a client before its redistribution shows what becomes of its
 * delivery count on B; then every node consumes and messages that always fail keep a budget of 4 handler calls
 * while their attempts move between the brokers. Long case ({@code -Pfaults-long}): broker A killed with
 * {@code kill -9} under load, 12 more messages sent on B while it is down, A started again on its journal some 15 s
 * after the kill.
 */
class ArtemisClusterTest {

    /** Node i is on broker TOPOLOGY[i]: 0 = A, 1 = B. */
    private static final int[] TOPOLOGY = {0, 1, 1};
    private static final int CONSUMERS_PER_NODE = 2;
    private static final int ALWAYS_FAILING = 6;
    private static final int ATTEMPTS = 4;

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void messages_are_redistributed_to_the_broker_with_consumers_and_keep_their_attempt_budget() {
        try (NodesRun run = NodesRun.cluster("nodes-cluster", TOPOLOGY, 50)) {
            BrokerProcess a = run.broker(0);
            BrokerProcess b = run.broker(1);
            awaitCluster(run);

            // 1. nobody consumes: what node 0 sends stays on broker A
            for (int i = 0; i < run.size(); i++) {
                run.consumers(i, false);
            }
            await("no consumer left").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.consumers(FaultRun.WORK) == 0);
            List<String> stored = FaultRun.mix("r", FaultRun.MESSAGES);
            run.send(0, stored);
            await("the messages stored").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> a.stat(FaultRun.WORK + ".messages") + b.stat(FaultRun.WORK + ".messages")
                            == stored.size());
            long storedOnA = a.stat(FaultRun.WORK + ".messages");
            // a client rolls one message back twice on A: its delivery count is 2 when B's nodes start consuming
            String[] probe = a.receiveAndRollBack(FaultRun.WORK, 2);
            assertThat(probe).as("a message of A received and rolled back").isNotNull();

            // 2. only B's nodes consume: A's messages are redistributed to B
            long resumedAt = System.nanoTime();
            run.consumers(1, true);
            run.consumers(2, true);
            run.awaitSettled(Duration.ofSeconds(120));
            double redistributedSeconds = (System.nanoTime() - resumedAt) / 1e9;
            int probeCountOnB = deliveries(run, 1).stream().filter(d -> d[1].equals(probe[0]))
                    .mapToInt(d -> Integer.parseInt(d[3])).min().orElse(-1);

            // 3. sent on A while only B has consumers: routed to B at once
            List<String> routed = FaultRun.mix("s", 12);
            long sentAt = System.nanoTime();
            run.send(0, routed);
            run.awaitSettled(Duration.ofSeconds(120));
            double routedSeconds = (System.nanoTime() - sentAt) / 1e9;
            int node0Calls = run.calls(NodesRun.nodeName(0));

            // 4. everyone consumes; messages that always fail, sent on A
            run.consumers(0, true);
            long all = (long) run.size() * CONSUMERS_PER_NODE;
            await("every node's consumers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.consumers(FaultRun.WORK) == all);
            List<String> failing = IntStream.range(0, ALWAYS_FAILING).mapToObj(i -> "budget-" + i + ":" + Job.ALWAYS)
                    .toList();
            run.send(0, failing);
            run.awaitSettled(Duration.ofSeconds(120));
            Ledger ledger = run.settle();

            Map<String, List<Integer>> attempts = new TreeMap<>();
            for (String row : Database.strings("SELECT message_key || ' ' || attempt FROM handler_call"
                    + " WHERE message_key LIKE 'budget-%' ORDER BY written_at")) {
                String[] keyAndAttempt = row.split(" ");
                attempts.computeIfAbsent(keyAndAttempt[0], k -> new ArrayList<>()).add(Integer.parseInt(keyAndAttempt[1]));
            }
            // per message, the brokers its attempts were delivered on; per attempt and broker, the highest count
            Map<String, Set<String>> brokersOf = new TreeMap<>();
            Map<String, Integer> maxCount = new TreeMap<>();
            for (int i = 0; i < 2; i++) {
                String broker = i == 0 ? "A" : "B";
                for (String[] d : deliveries(run, i)) {
                    if (d[1].startsWith("budget-")) {
                        brokersOf.computeIfAbsent(d[1], k -> new TreeSet<>()).add(broker);
                        maxCount.merge(d[1] + "/" + d[2] + "@" + broker, Integer.parseInt(d[3]), Math::max);
                    }
                }
            }
            long moved = brokersOf.values().stream().filter(s -> s.size() > 1).count();
            int calls = attempts.values().stream().mapToInt(List::size).sum();
            int maxCalls = attempts.values().stream().mapToInt(List::size).max().orElse(0);
            List<String> budgetDeadLetters = Database.strings("SELECT attempts FROM rebound_dead_letter"
                    + " WHERE body LIKE '%budget-%'");
            System.out.printf("REBOUND FAULTS nodes cluster: 2 brokers (A: %s, B: %s), %d messages stored on A"
                            + " (%d of %d) while nobody consumed, all handled on B %.1f s after B's nodes resumed"
                            + " (redistribution); %d sent on A while only B consumed, settled in %.1f s;"
                            + " node 0 on A called its handler %d times while paused; a message rolled back twice on"
                            + " A (JMSXDeliveryCount %s) came to B with JMSXDeliveryCount %d; %d always-failing:"
                            + " %.1f handler calls per message (max %d, budget %d), %d of %d with attempts on both"
                            + " brokers, max JMSXDeliveryCount of an attempt %d, dead letters with attempts %s;"
                            + " effects per node %s; %d lost, %d duplicated, %d stuck, %d on the brokers' DLQs%n",
                    NodesRun.nodeName(0), NodesRun.nodeName(1) + ", " + NodesRun.nodeName(2), stored.size(),
                    storedOnA, stored.size(), redistributedSeconds, routed.size(), routedSeconds,
                    node0Calls, probe[1], probeCountOnB, ALWAYS_FAILING, calls / (double) ALWAYS_FAILING, maxCalls,
                    ATTEMPTS, moved, ALWAYS_FAILING,
                    maxCount.values().stream().mapToInt(Integer::intValue).max().orElse(0),
                    budgetDeadLetters.stream().distinct().toList(), NodeKilledUnderLoadTest.effectsPerNode(run),
                    ledger.lost(), ledger.duplicated(), ledger.stuck(), ledger.onBrokerDlq());
            attempts.forEach((k, v) -> System.out.println("FAULTS nodes-cluster:   " + k + " attempts " + v
                    + " on " + brokersOf.get(k)));
            maxCount.forEach((k, v) -> System.out.println("FAULTS nodes-cluster:   " + k + " JMSXDeliveryCount " + v));

            ledger.assertClean();
            assertThat(node0Calls).as("node 0 (on A) consumed nothing while paused").isZero();
            assertThat(storedOnA).as("what nobody consumed stayed on A, the broker it was sent to")
                    .isEqualTo(stored.size());
            assertThat(probeCountOnB).as("the rolled-back message was delivered on B").isPositive();
            assertThat(budgetDeadLetters).as("one dead letter per always-failing message, after the whole budget")
                    .hasSize(ALWAYS_FAILING).containsOnly(String.valueOf(ATTEMPTS));
            assertThat(attempts).as("handler calls per always-failing message (Rebound's attempt of each call)")
                    .hasSize(ALWAYS_FAILING).allSatisfy((key, a1) -> assertThat(a1).as(key).containsExactly(1, 2, 3, 4));
        }
    }

    @Test
    void broker_a_killed_under_load_keeps_its_messages_until_it_returns() {
        assumeTrue(FaultRun.LONG, "the broker kill in a cluster runs with -Pfaults-long");
        try (NodesRun run = NodesRun.cluster("nodes-cluster-kill", TOPOLOGY, 100)) {
            BrokerProcess a = run.broker(0);
            awaitCluster(run);
            long all = (long) run.size() * CONSUMERS_PER_NODE;
            await("every node's consumers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.consumers(FaultRun.WORK) == all);
            run.send(1, FaultRun.mix("c", FaultRun.MESSAGES));       // on B, which spreads them over A and B
            await("under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> Integer.parseInt(
                            Database.strings("SELECT count(*) FROM effect").get(0)) >= 20);
            long onAAtKill = a.stat(FaultRun.WORK + ".messages");
            int node0Effects = run.effects(NodesRun.nodeName(0));
            run.killBroker(0);
            long killedAt = System.nanoTime();
            // B's nodes go on with what B holds; A's messages wait in A's journal
            NodesRun.sleep(Duration.ofSeconds(10));
            List<String> waiting = run.unsettled();
            long forwardingOnB = run.broker(1).stat("sf.messages");
            List<String> late = FaultRun.mix("d", 12);            // sent on B while A is down
            run.send(1, late);
            NodesRun.sleep(Duration.ofSeconds(5));
            long lateUnsettled = run.unsettled().stream().filter(k -> k.startsWith("d-")).count();
            a.start();
            long restartedAt = System.nanoTime();
            run.awaitSettled(Duration.ofSeconds(150));
            double settledSeconds = (System.nanoTime() - restartedAt) / 1e9;
            int node0EffectsAfter = run.effects(NodesRun.nodeName(0)) - node0Effects;
            Ledger ledger = run.settle();
            System.out.printf("REBOUND FAULTS nodes cluster-broker-kill: 2 brokers, 3 nodes, %d messages, broker A"
                            + " killed with %d messages on it, %d unsettled 10 s after the kill (%d waiting on B to"
                            + " be forwarded to A), of 12 sent on B while A was down %d unsettled 5 s later; A back"
                            + " after %.0f s, all settled %.1f s after its restart, node 0 (on A) handled %d after"
                            + " the kill; effects per node %s; %d lost, %d duplicated, %d stuck, %d on the brokers'"
                            + " DLQs%n", ledger.messages(), onAAtKill, waiting.size(), forwardingOnB, lateUnsettled,
                    (restartedAt - killedAt) / 1e9, settledSeconds, node0EffectsAfter,
                    NodeKilledUnderLoadTest.effectsPerNode(run), ledger.lost(), ledger.duplicated(), ledger.stuck(),
                    ledger.onBrokerDlq());
            ledger.assertClean();
        }
    }

    /** Both brokers have a connected bridge to the other, and every node's consumers are on its broker. */
    private static void awaitCluster(NodesRun run) {
        await("the cluster formed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> run.broker(0).stat("cluster.members") == 1 && run.broker(1).stat("cluster.members") == 1);
        long all = (long) run.size() * CONSUMERS_PER_NODE;
        await("every node's consumers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> run.consumers(FaultRun.WORK) == all
                        && run.broker(0).stat(FaultRun.WORK + ".consumers") == CONSUMERS_PER_NODE);
    }

    /** Broker i's deliveries of {@code work}. */
    private static List<String[]> deliveries(NodesRun run, int i) {
        return run.deliveries(i).stream().filter(d -> d[0].equals(FaultRun.WORK)).toList();
    }
}
