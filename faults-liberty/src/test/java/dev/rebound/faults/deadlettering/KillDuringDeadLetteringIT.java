package dev.rebound.faults.deadlettering;

import dev.rebound.faults.support.FaultRun;
import dev.rebound.faults.app.Point;
import org.junit.jupiter.api.Test;

/**
 * kill -9 inside the dead letter's transaction: its row is inserted (a JPA entity listener holds the thread
 * after the insert), nothing committed. After the restart the message must come back and get its one outcome
 * (handled: the fault plan is gone with the JVM), with no half-written dead letter beside it.
 */
class KillDuringDeadLetteringIT {

    @Test
    void a_message_killed_while_its_dead_letter_was_written_has_one_outcome_after_the_restart() {
        FaultRun run = FaultRun.of("deadlettering");
        run.killInRounds(Point.DEAD_LETTERING, true);
        run.settleAndVerify();
    }
}
