package dev.rebound.faults.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.OutboxLedger;
import dev.rebound.faults.harness.OutboxRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox crash ledger: a business method writes its business row and sends a command through the combined
 * channel "database, then broker" in one transaction (the row of {@code orders-outbox}, relayed in batches of 10 to
 * the JMS queue {@code orders}, whose {@code @Deduplicated} handler writes one effect row). The application is
 * halted (as by kill -9) before and after the business commit, between the relay's broker commit and its rows'
 * delete, in the middle of a batch; the broker is killed and the application with it; two applications relay the
 * same table and one dies holding claimed rows. Each kill is repeated {@code faults.rounds} times; the ledger
 * ({@link OutboxLedger}) must show 0 lost, 0 duplicated effects, 0 stuck, 0 on the DLQ. The scenarios share one
 * broker and application (with one fault plan for all of them, each scenario's keys its own prefix): a process is
 * started again only after it was killed.
 */
class OutboxCrashLedgerTest {

    private static final int MESSAGES = FaultRun.MESSAGES;
    private static final int ROUNDS = FaultRun.ROUNDS;

    private static OutboxRun run;

    @BeforeAll
    static void processes() {
        run = OutboxRun.start("outbox", String.join(",", plan("BEFORE_BUSINESS_COMMIT", "p", 3),
                plan("AFTER_BUSINESS_COMMIT", "a", 3), plan("RELAY_AFTER_SEND", "s", 3),
                plan("RELAY_MID_BATCH", "m", 5), plan("RELAY_HOLDING", "t", 9),
                "BROKER_DIES_AT_CONSUMER_COMMIT=x0-3"));
    }

    @AfterAll
    static void noProcessOutlivesTheTests() {
        if (run != null) {
            run.close();
        }
        FaultRun.killLeftovers();
    }

    /** {@code POINT=<prefix><round>-<index>} for every round. */
    private static String plan(String point, String prefix, int index) {
        return IntStream.range(0, ROUNDS).mapToObj(r -> point + "=" + key(prefix, r, index))
                .collect(Collectors.joining(","));
    }

    private static String key(String prefix, int round, int index) {
        return prefix + round + "-" + index;
    }

    private static void drained() {
        await("the outbox relayed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> OutboxRun.inOutbox().isEmpty());
    }

    @Test
    void killed_before_the_business_commit_neither_the_business_row_nor_the_command_exists() {
        run.scenario("outbox-before-business-commit");
        for (int round = 0; round < ROUNDS; round++) {
            List<String> keys = OutboxRun.keys("p" + round, MESSAGES);
            assertThat(run.order(run.app(), keys)).as("the call of " + keys.get(3) + " returned").isFalse();
            run.halted(run.app());
            assertThat(OutboxRun.withBusinessRow()).as("business rows at the halt").doesNotContain(keys.get(3))
                    .contains(keys.get(2));
            assertThat(OutboxRun.inOutbox()).as("outbox rows at the halt").doesNotContain(keys.get(3))
                    .contains(keys.get(2));
            run.app().start();
            assertThat(run.order(run.app(), keys.subList(4, keys.size()))).isTrue();
            drained();
        }
        run.settle().assertClean();
    }

    @Test
    void killed_after_the_business_commit_before_the_relay_the_command_is_relayed_and_handled_once() {
        run.scenario("outbox-after-business-commit");
        for (int round = 0; round < ROUNDS; round++) {
            List<String> keys = OutboxRun.keys("a" + round, MESSAGES);
            assertThat(run.order(run.app(), keys)).as("the call of " + keys.get(3) + " returned").isFalse();
            run.halted(run.app());
            // committed, its call never returned, not relayed (the relay was paused)
            assertThat(run.acknowledged()).doesNotContain(keys.get(3)).contains(keys.get(2));
            assertThat(OutboxRun.withBusinessRow()).as("business rows at the halt").contains(keys.get(3));
            assertThat(OutboxRun.inOutbox()).as("outbox rows at the halt").contains(keys.get(3));
            assertThat(run.onQueue()).as("on the queue at the halt").doesNotContain(keys.get(3));
            run.app().start();
            assertThat(run.order(run.app(), keys.subList(4, keys.size()))).isTrue();
            drained();
        }
        run.settle().assertClean();
    }

    /**
     * The relay's batch is one XA branch of its transaction ({@code rebound.jms.transactions=xa}): the application is
     * halted in phase two, when the transaction manager commits the broker's branch (every branch prepared, the
     * broker's messages not yet visible, the rows' delete committed or prepared). Recovery after the restart
     * completes the transaction: each message is on the queue once and the consumer's {@code @Deduplicated} has
     * nothing to remove (before the batch joined XA, this crash sent the whole batch twice).
     */
    @Test
    void killed_between_the_two_phases_of_the_relays_commit_recovery_completes_it_and_each_is_sent_once() {
        run.scenario("outbox-after-send");
        for (int round = 0; round < ROUNDS; round++) {
            List<String> keys = OutboxRun.keys("s" + round, MESSAGES);
            run.order(run.app(), keys);
            run.halted(run.app());
            List<String> batch = batchOf(run, keys.get(3));
            assertThat(run.onQueue()).as("on the queue at the halt: the broker's branch is only prepared")
                    .doesNotContainAnyElementsOf(batch);
            run.app().start();
            drained();
        }
        OutboxLedger ledger = run.settle();
        ledger.assertClean();
        assertThat(ledger.absorbed()).as("duplicates acknowledged by @Deduplicated: none was sent twice").isZero();
    }

    @Test
    void killed_in_the_middle_of_a_relayed_batch_every_row_is_relayed_again_and_handled_once() {
        run.scenario("outbox-mid-batch");
        for (int round = 0; round < ROUNDS; round++) {
            List<String> keys = OutboxRun.keys("m" + round, MESSAGES);
            run.order(run.app(), keys);
            run.halted(run.app());
            // some of the batch handed to the broker (in the relay's JMS transaction), the rows not deleted
            assertThat(OutboxRun.inOutbox()).as("outbox rows at the halt").containsAll(keys);
            List<String> onQueue = run.onQueue();
            System.out.println("FAULTS outbox-mid-batch: at the halt " + keys.subList(0, 6).stream()
                    .filter(onQueue::contains).count() + " of the 6 messages sent in the batch were on the queue");
            run.app().start();
            drained();
        }
        run.settle().assertClean();
    }

    @Test
    void broker_killed_then_the_application_killed_while_it_is_down_commands_succeed_and_are_handled_once() {
        run.scenario("outbox-broker-restart");
        for (int round = 0; round < ROUNDS; round++) {
            List<String> keys = OutboxRun.keys("b" + round, MESSAGES);
            run.order(run.app(), keys);
            await("the consumer under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> OutboxRun.withEffect().stream().anyMatch(keys::contains));
            run.broker().kill();
            run.killed();
            // the broker is down: the outbox still takes commands
            List<String> whileDown = OutboxRun.keys("d" + round, 10);
            assertThat(run.orderLive(run.app(), whileDown)).isTrue();
            assertThat(run.acknowledged()).containsAll(whileDown);
            assertThat(OutboxRun.inOutbox()).as("outbox rows while the broker is down").containsAll(whileDown);
            run.app().kill();
            run.killed();
            run.broker().start();
            run.app().start();
            drained();
        }
        run.settle().assertClean();
    }

    @Test
    void an_application_killed_holding_claimed_rows_the_other_takes_them_over() {
        run.scenario("outbox-claim-takeover");
        run.second().start();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> keys = OutboxRun.keys("t" + round, MESSAGES);
            String held = keys.get(9);
            run.release(false);
            run.second().command("pause", Duration.ofSeconds(30));
            run.order(run.app(), keys);
            List<String> holding = new ArrayList<>();
            await("the first application holding its batch").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        holding.clear();
                        holding.addAll(holdingLine(run.app().output(), held));
                        return !holding.isEmpty();
                    });
            List<String> others = keys.stream().filter(k -> !holding.contains(k)).toList();
            run.second().command("resume", Duration.ofSeconds(30));
            // while the first one holds its claimed rows, the second one relays the others and skips those
            // (within the hold: the first application holds at most faults.hold-ms, 50 s, inside Narayana's 60 s)
            await("the second application relayed the rows nobody held").atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> relayedBy(run, OutboxRun.SECOND).containsAll(others));
            assertThat(run.app().alive()).as("the first application still holding").isTrue();
            assertThat(relayedBy(run, OutboxRun.SECOND)).as("relayed by the second one while the rows were held")
                    .doesNotContainAnyElementsOf(holding);
            assertThat(OutboxRun.inOutbox()).as("the held rows").containsExactlyInAnyOrderElementsOf(holding);
            run.release(true);
            run.halted(run.app());
            await("the second application relayed the rows the first one held").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> relayedBy(run, OutboxRun.SECOND).containsAll(holding));
            System.out.println("FAULTS outbox-claim-takeover: " + run.app().node() + " held " + holding
                    + ", relayed by " + OutboxRun.SECOND + " after its death");
            run.app().start();
            drained();
        }
        run.settle().assertClean();
    }

    /**
     * The broker dies while a consumer of {@code orders} commits its XA unit (the handler succeeded; the prepare
     * fails, Narayana rolls back, {@code tm.commit()} throws {@code RollbackException} with the broker's
     * {@code XAException} suppressed). A lost connection at commit is the broker's failure, not the message's: the
     * consumer reconnects (REBOUND-3007) and handles the message again when the broker is back. Before the fix it took
     * it for the message's failure, and the default final strategy {@code STOP} stopped the channel's consumers for
     * good (REBOUND-3006): 10 stuck, 5 left on {@code orders}.
     */
    @Test
    void broker_dying_at_a_consumers_commit_does_not_stop_the_consumers() {
        run.scenario("outbox-broker-dies-at-consumer-commit");
        run.order(run.app(), OutboxRun.keys("x0", 10));
        run.broker().awaitDeath(Duration.ofSeconds(60));
        run.killed();
        run.broker().start();
        run.settle().assertClean();
    }

    /** The keys of the {@code FAULTS-HOLDING} line that ends with {@code key}, or none yet. */
    private static List<String> holdingLine(String output, String key) {
        for (String line : output.split("\n")) {
            List<String> words = List.of(line.trim().split(" "));
            if (words.size() > 2 && words.get(0).equals("FAULTS-HOLDING") && words.get(words.size() - 1).equals(key)) {
                return words.subList(2, words.size());
            }
        }
        return List.of();
    }

    private static List<String> relayedBy(OutboxRun run, String node) {
        return run.relayedBatches().stream().filter(b -> b.get(0).equals(node))
                .flatMap(b -> b.subList(1, b.size()).stream()).toList();
    }

    /** The last batch the relays committed that holds {@code key}. */
    private static List<String> batchOf(OutboxRun run, String key) {
        List<String> found = null;
        for (List<String> batch : run.relayedBatches()) {
            if (batch.contains(key)) {
                found = batch.subList(1, batch.size());
            }
        }
        assertThat(found).as("a relayed batch with " + key).isNotNull();
        return found;
    }
}
