package dev.rebound.faults.happy;

import dev.rebound.faults.harness.FaultRun;
import dev.rebound.faults.harness.Ledger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The ledger without any fault: handled once or dead-lettered once, nothing on the broker's DLQ. */
class NoFaultTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        FaultRun.killLeftovers();
    }

    @Test
    void every_message_is_handled_once_or_dead_lettered_once_without_faults() {
        try (FaultRun run = FaultRun.start("no-fault", "", 0)) {
            run.send(run.jobs("n", FaultRun.MESSAGES));
            Ledger ledger = run.settle();
            ledger.assertClean();
        }
    }
}
