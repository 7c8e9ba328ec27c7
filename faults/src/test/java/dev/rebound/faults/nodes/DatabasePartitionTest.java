package dev.rebound.faults.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.faults.harness.Database;
import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import dev.rebound.faults.harness.NodesRun;
import dev.rebound.testsupport.TcpProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One node of three cut from PostgreSQL but not from the broker: node 2 reaches the database through a
 * {@link TcpProxy}; under load the proxy severs its connections and refuses new ones for {@link #CUT} (8 s, 30 s
 * with {@code -Pfaults-long}), then carries them again. What node 2 had in flight rolls back (or, prepared, waits
 * for its recovery after the heal); what it receives during the cut fails in its handler and goes back to the
 * broker: a handler that cannot reach its database is not the message's failure ({@code REBOUND-1080}: rolled back
 * as it was, no attempt counted, the consumer backs off). Every message must be handled or dead-lettered once, only
 * the messages that always fail may be dead-lettered, and the partition may spend none of their attempts.
 */
class DatabasePartitionTest {

    private static final Duration CUT = Duration.ofSeconds(FaultRun.LONG ? 30 : 8);
    private static final int CUT_NODE = 2;

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void a_node_cut_from_the_database_loses_nothing_and_dead_letters_nothing_because_of_it() {
        Database.ensureStarted();
        try (TcpProxy proxy = TcpProxy.to(Database.PORT);
             NodesRun run = NodesRun.start("nodes-db-partition", 3, 100,
                     Map.of(CUT_NODE, Map.of("faults.pg.port", String.valueOf(proxy.port()))))) {
            String cutNode = NodesRun.nodeName(CUT_NODE);
            List<String> jobs = FaultRun.mix("p", FaultRun.MESSAGES);
            run.send(jobs);
            await(cutNode + " under way").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> run.calls(cutNode) >= 2);
            int callsBefore = run.calls(cutNode);
            proxy.cut();
            long cutAt = System.nanoTime();
            NodesRun.sleep(CUT);
            int unsettledAtHeal = run.unsettled().size();
            long inDoubtAtHeal = Database.strings("SELECT gid FROM pg_prepared_xacts").size();
            proxy.heal();
            long healedAt = System.nanoTime();
            run.awaitSettled(Duration.ofSeconds(150));
            double settledSeconds = (System.nanoTime() - healedAt) / 1e9;
            double sinceCut = (System.nanoTime() - cutAt) / 1e9;
            Ledger ledger = run.settle();
            String log = run.node(CUT_NODE).output();
            // attempts the partition spent: failures routed as the message's own (a delayed retry, the dead letter)
            int spent = count(log, "REBOUND-10(14|15): [^\\n]* on attempt \\d+ \\([^\\n]*the handler call of \\S+"
                    + " not recorded");
            // messages whose handler could not reach the database, rolled back as they were (REBOUND-1080)
            int rolledBack = distinct(log, "REBOUND-1080: The handler of message (\\S+)");

            List<String> alwaysFailing = jobs.stream().filter(j -> j.endsWith(":-1"))
                    .map(j -> j.substring(0, j.lastIndexOf(':'))).sorted().toList();
            List<String> deadLettered = Database.strings("SELECT body FROM rebound_dead_letter").stream()
                    .map(Ledger::keyIn).sorted().toList();
            List<String> byPartition = deadLettered.stream().filter(k -> !alwaysFailing.contains(k)).toList();
            System.out.printf("REBOUND FAULTS nodes db-partition: 3 nodes, %d messages, %s cut from PostgreSQL"
                            + " (not from the broker) for %.0f s after %d handler calls, %d connections severed and"
                            + " %d refused; %d messages whose handler could not reach the database there, rolled back"
                            + " as they were (%d attempts spent), %d messages unsettled and %d"
                            + " transactions prepared at the heal; all settled %.1f s after the heal (%.1f s after"
                            + " the cut); %d dead letters (%d always failing, %d because of the partition %s);"
                            + " effects per node %s; %d lost, %d duplicated, %d stuck, %d on the broker's DLQ%n",
                    ledger.messages(), cutNode, CUT.toSeconds() * 1.0, callsBefore, proxy.severed(), proxy.refused(),
                    rolledBack, spent, unsettledAtHeal, inDoubtAtHeal, settledSeconds, sinceCut,
                    deadLettered.size(),
                    alwaysFailing.size(), byPartition.size(), byPartition, NodeKilledUnderLoadTest.effectsPerNode(run),
                    ledger.lost(), ledger.duplicated(), ledger.stuck(), ledger.onBrokerDlq());
            ledger.assertClean();
            assertThat(proxy.severed()).as("the cut severed the node's connections").isPositive();
            assertThat(deadLettered).as("dead letters: the messages that always fail, none because of the partition")
                    .containsExactlyElementsOf(alwaysFailing);
            assertThat(spent).as("attempts spent by the partition (REBOUND-1014/1015 for a handler that could not"
                    + " reach the database)").isZero();
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int distinct(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.size();
    }
}
