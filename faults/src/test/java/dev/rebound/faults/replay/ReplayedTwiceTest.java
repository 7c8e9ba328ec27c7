package dev.rebound.faults.replay;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.harness.FaultRun;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Two operators replay the same dead letters at the same moment (double click, overlapping bulk replays). */
class ReplayedTwiceTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void a_dead_letter_replayed_twice_at_once_is_handled_once() {
        try (FaultRun run = FaultRun.start("replayed-twice", "", 200)) {
            run.send(run.jobs("p", FaultRun.MESSAGES));
            int alwaysFailing = (FaultRun.MESSAGES + 5) / 6;
            await("the always failing jobs dead-lettered").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(run::deadLetters, n -> n >= alwaysFailing);
            run.awaitDrained(Duration.ofSeconds(60));
            run.app().command("heal", Duration.ofSeconds(10));
            run.app().command("replay-each-twice", Duration.ofSeconds(60));
            run.settle().assertClean();
        }
    }
}
