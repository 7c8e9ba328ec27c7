package dev.rebound.faults.killed;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.Job;
import dev.rebound.faults.harness.FaultRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The application is halted (as by kill -9) at a chosen point for a chosen message, then started again on the
 * same Narayana object store; the ledger is taken once everything settled. Jobs {@code k-<i>}: one in six always
 * fails, {@code k-1} fails twice, {@code k-3} never fails; {@code k-t} fails in the first process only (the outage
 * ends with the restart, so the redelivery succeeds).
 */
class AppKilledAtChosenPointsTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    private static List<String> jobs(FaultRun run) {
        List<String> jobs = new ArrayList<>(run.jobs("k", FaultRun.MESSAGES));
        jobs.add("k-t:" + Job.FIRST_PROCESS);
        return jobs;
    }

    private static void killAt(String scenario, String plan) {
        try (FaultRun run = FaultRun.start(scenario, plan, 0)) {
            run.send(jobs(run));
            run.haltedThenRestart();
            run.settle().assertClean();
        }
    }

    @Test
    void killed_mid_handler_the_message_is_handled_once_after_restart() {
        killAt("killed-mid-handler", "MID_HANDLER=k-3");
    }

    @Test
    void killed_after_the_handler_committed_the_message_is_not_handled_again() {
        killAt("killed-after-commit", "AFTER_COMMIT=k-3");
    }

    @Test
    void killed_between_routing_a_retry_and_its_acknowledgement_the_message_is_handled_once() {
        killAt("killed-after-retry-routed", "AFTER_ROUTING_RETRY=k-1");
    }

    @Test
    void killed_between_storing_the_dead_letter_and_the_acknowledgement_the_message_is_not_also_handled() {
        killAt("killed-after-dead-letter-stored", "AFTER_ROUTING_DEAD_LETTER=k-t");
    }

    @Test
    void killed_while_the_dead_letter_is_written_the_message_is_handled_or_dead_lettered_once() {
        killAt("killed-during-dead-lettering", "DURING_DEAD_LETTER=k-t");
    }

    @Test
    void killed_during_a_replay_the_dead_letter_is_replayed_once() {
        try (FaultRun run = FaultRun.start("killed-during-replay", "DURING_REPLAY=k-6", 0)) {
            run.send(jobs(run));
            int alwaysFailing = (FaultRun.MESSAGES + 5) / 6;
            await("the always failing jobs dead-lettered").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(run::deadLetters, n -> n >= alwaysFailing + 1);
            run.awaitDrained(Duration.ofSeconds(60));
            run.app().command("heal", Duration.ofSeconds(10));
            run.app().send(List.of());                     // a round trip: the heal is in place
            try {
                run.app().command("replay-all", Duration.ofSeconds(60));
            } catch (RuntimeException halted) {
                // the planned halt ends the process before it replies
            }
            run.haltedThenRestart();
            // the killed replay's batch stays claimed until its lease ends (30 s): an operator's replay-all right
            // after the restart skips it, a later one takes it; none may run a handler twice (the ledger below)
            await("dead letters left after replay-all").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(5)).until(() -> {
                        run.app().command("replay-all", Duration.ofSeconds(60));
                        return run.deadLetters();
                    }, left -> left == 0);
            run.settle().assertClean();
        }
    }
}
