package dev.rebound.faults.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.faults.app.Job;
import dev.rebound.faults.harness.Database;
import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import dev.rebound.faults.harness.NodesRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attempt budget of a message that always fails ({@code @DelayedRetry(maxRetries = 3)}: 4 attempts, then one
 * dead letter) is the same with 1, 3 (and, with {@code -Dfaults.nodes.max=5}, 5) nodes consuming the queue: Rebound's
 * attempt count travels in the message, each attempt runs the handler once whichever node gets it (the nodes keep
 * their decisions in the table {@code rebound_decision}, each taken and deleted by the unit that carries it out, so
 * that none is left when all is settled), and the broker's delivery count ({@code JMSXDeliveryCount})
 * of each attempt's message is 2: the failed delivery and the one that carries the decision out, far from Rebound's
 * delivery limit ({@code rebound.jms.max-deliveries}, 5). Without the shared decisions, 3 nodes made 7 handler calls
 * per message (up to 8) and delivered one attempt up to 4 times.
 */
class AttemptBudgetAcrossNodesTest {

    private static final int MESSAGES = 6;
    private static final int ATTEMPTS = 4;

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    static Stream<Integer> nodes() {
        return Stream.of(1, 3, 5).filter(n -> n <= NodesRun.MAX_NODES);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @MethodSource("nodes")
    void a_message_that_always_fails_gets_the_same_attempts_and_one_dead_letter_whatever_the_number_of_nodes(int n) {
        try (NodesRun run = NodesRun.start("nodes-budget-" + n, n, Map.of(), 0)) {
            List<String> jobs = IntStream.range(0, MESSAGES).mapToObj(i -> "budget" + n + "-" + i + ":" + Job.ALWAYS)
                    .toList();
            run.send(jobs);
            run.awaitSettled(Duration.ofSeconds(120));
            Ledger ledger = run.settle();

            Map<String, List<Integer>> attempts = new TreeMap<>();
            for (String row : Database.strings("SELECT message_key || ' ' || attempt FROM handler_call"
                    + " ORDER BY written_at")) {
                String[] keyAndAttempt = row.split(" ");
                attempts.computeIfAbsent(keyAndAttempt[0], k -> new ArrayList<>()).add(Integer.parseInt(keyAndAttempt[1]));
            }
            Map<String, Integer> maxDeliveryCount = new TreeMap<>();
            int deliveries = 0;
            for (String[] d : run.deliveries()) {
                if (d[0].equals(FaultRun.WORK)) {
                    deliveries++;
                    maxDeliveryCount.merge(d[1] + "/" + d[2], Integer.parseInt(d[3]), Math::max);
                }
            }
            int calls = attempts.values().stream().mapToInt(List::size).sum();
            int maxCalls = attempts.values().stream().mapToInt(List::size).max().orElse(0);
            int maxCount = maxDeliveryCount.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> storedAttempts = Database.strings("SELECT attempts FROM rebound_dead_letter");
            List<String> decisionsLeft = Database.strings("SELECT kind || ' ' || node FROM rebound_decision");
            System.out.printf("REBOUND FAULTS nodes attempt-budget: %d node(s), %d messages always failing: %.1f handler"
                            + " calls per message (max %d, budget %d), %d deliveries, max JMSXDeliveryCount of an"
                            + " attempt %d, %d dead letters (attempts %s), %d on the broker's DLQ, %d decision rows"
                            + " left%n", n, MESSAGES,
                    calls / (double) MESSAGES, maxCalls, ATTEMPTS, deliveries, maxCount, run.deadLetterCount(),
                    storedAttempts.stream().distinct().toList(), ledger.onBrokerDlq(), decisionsLeft.size());
            attempts.forEach((k, a) -> System.out.println("FAULTS nodes-budget-" + n + ":   " + k + " attempts " + a));

            ledger.assertClean();
            assertThat(run.deadLetterCount()).as("one dead letter per message").isEqualTo(MESSAGES);
            assertThat(storedAttempts).as("each dead letter after the whole budget").containsOnly(String.valueOf(ATTEMPTS));
            assertThat(attempts).as("handler calls per message (Rebound's attempt of each call)").hasSize(MESSAGES)
                    .allSatisfy((key, a) -> assertThat(a).as(key).containsExactly(1, 2, 3, 4));
            assertThat(decisionsLeft).as("decisions in rebound_decision after all settled").isEmpty();
            assertThat(maxDeliveryCount).as("JMSXDeliveryCount per message and attempt")
                    .allSatisfy((key, count) -> assertThat(count).as(key + ": one failed delivery, then the one"
                            + " that carries its decision out").isLessThanOrEqualTo(2));
        }
    }
}
