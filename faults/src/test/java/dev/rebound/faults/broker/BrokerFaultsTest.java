package dev.rebound.faults.broker;

import dev.rebound.faults.harness.FaultRun;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The broker fails under load: it refuses sends (the retries' re-sends to the work queue) or is killed. */
class BrokerFaultsTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void broker_refusing_sends_for_fifteen_seconds_while_messages_fail_loses_nothing_and_takes_nothing() {
        try (FaultRun run = FaultRun.start("broker-refusing-sends", "", 0)) {
            for (int round = 0; round < FaultRun.ROUNDS; round++) {
                run.send(run.jobs("r" + round, FaultRun.MESSAGES));
                run.broker().refuseSends(true);      // the delayed retries and dead-letter forwards go to work
                try {
                    sleep(Duration.ofSeconds(15));
                } finally {
                    run.broker().refuseSends(false);
                }
            }
            run.settle().assertClean();
        }
    }

    @Test
    void broker_killed_and_restarted_during_load_loses_nothing_and_does_nothing_twice() {
        try (FaultRun run = FaultRun.start("broker-killed", "", 100)) {
            run.underLoad("b", () -> {
                run.broker().kill();
                run.killed();
                sleep(Duration.ofSeconds(3));
                run.broker().start();
            });
            run.settle().assertClean();
        }
    }

    /** How long a fault lasts (not a wait for an outcome: those use Awaitility). */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
